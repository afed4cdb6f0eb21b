import { DAY_MS } from '../shared/counters/time';
import type { Progress } from './driver/drive';

/** Where progress goes: a terminal line rewritten in place, or a log. */
export interface ProgressOutput {
  isTTY?: boolean;
  write(text: string): unknown;
}

/** The line that says how far the demo has got. */
export function progressLine(
  progress: Progress,
  startMs: number,
  days: number,
): string {
  const day = Math.min(days, Math.floor(
    (progress.simulatedMs - startMs) / DAY_MS) + 1);
  const date = new Date(progress.simulatedMs).toISOString().slice(0, 10);
  const rate = progress.eventsSent /
    Math.max(progress.elapsedMs / 1000, 0.001);
  return `day ${day}/${days} (${date}): ` +
    `${progress.eventsSent.toLocaleString('en-GB')} of ` +
    `${progress.eventsTotal.toLocaleString('en-GB')} events sent, ` +
    `${rate.toFixed(0)}/s, ${progress.flagsRaised} flags raised`;
}

/**
 * Shows progress: on a terminal one line updated in place after every
 * simulated hour, elsewhere one line per simulated day.
 */
export class ProgressReporter {
  #lastDay = -1;
  #shown = false;

  constructor(
    private readonly output: ProgressOutput,
    private readonly startMs: number,
    private readonly days: number,
  ) {}

  readonly update = (progress: Progress): void => {
    const line = progressLine(progress, this.startMs, this.days);
    if (this.output.isTTY) {
      this.output.write(`\r\x1b[2K${line}`);
      this.#shown = true;
      return;
    }
    const day = Math.floor((progress.simulatedMs - this.startMs) / DAY_MS);
    if (day !== this.#lastDay) this.output.write(`${line}\n`);
    this.#lastDay = day;
  };

  /** Prints a line above the progress, such as a flag just raised. */
  readonly note = (line: string): void => {
    const clear = this.#shown ? '\r\x1b[2K' : '';
    this.#shown = false;
    this.output.write(`${clear}${line}\n`);
  };

  /** Ends the updating line so that what follows starts on its own. */
  finish(): void {
    if (this.#shown) this.output.write('\n');
    this.#shown = false;
  }
}
