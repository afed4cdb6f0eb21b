import { describe, expect, it } from 'vitest';
import type { Progress } from '../../demo/driver/drive';
import { ProgressReporter, progressLine } from '../../demo/progress';

const START = Date.parse('2027-01-04T00:00:00Z');
const HOUR = 3_600_000;

function progress(hours: number, sent: number): Progress {
  return { simulatedMs: START + hours * HOUR - 1, eventsSent: sent,
    eventsTotal: 12_000, deliveries: 10, flagsRaised: 2,
    elapsedMs: 20_000 };
}

function recorder(isTTY: boolean) {
  const written: string[] = [];
  return { isTTY, written, write: (text: string) => written.push(text) };
}

describe('progressLine', () => {
  it('says the day, the date, events sent, the rate and flags', () => {
    expect(progressLine(progress(30, 2_400), START, 40)).toBe(
      'day 2/40 (2027-01-05): 2,400 of 12,000 events sent, 120/s, ' +
      '2 flags raised');
  });
});

describe('ProgressReporter', () => {
  it('prints one line per simulated day when not on a terminal', () => {
    const output = recorder(false);
    const reporter = new ProgressReporter(output, START, 40);

    [1, 2, 23, 25, 26].forEach((hour) =>
      reporter.update(progress(hour, hour)));

    expect(output.written).toHaveLength(2);
    expect(output.written[1]).toMatch(/^day 2\/40 .*\n$/);
  });

  it('rewrites one line in place on a terminal and ends it at finish', () => {
    const output = recorder(true);
    const reporter = new ProgressReporter(output, START, 40);

    reporter.update(progress(1, 10));
    reporter.update(progress(2, 20));
    reporter.finish();

    expect(output.written.slice(0, 2).every((text) =>
      text.startsWith('\r\x1b[2K'))).toBe(true);
    expect(output.written[2]).toBe('\n');
  });

  it('prints a note on its own line above the progress', () => {
    const output = recorder(true);
    const reporter = new ProgressReporter(output, START, 40);

    reporter.update(progress(1, 10));
    reporter.note('flag raised');

    expect(output.written[1]).toBe('\r\x1b[2Kflag raised\n');
  });
});
