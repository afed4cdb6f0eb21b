/**
 * Vigil's clock during a demo. Event time is simulated, and the service
 * refuses events more than 72 hours older than its clock, so the driver
 * moves this clock forward as it sends each simulated hour.
 */
export class SimulatedClock {
  #nowMs: number;

  constructor(startMs: number) {
    this.#nowMs = startMs;
  }

  readonly now = (): number => this.#nowMs;

  /** Moves the clock to `ms`; it never goes back. */
  advanceTo(ms: number): void {
    this.#nowMs = Math.max(this.#nowMs, ms);
  }
}
