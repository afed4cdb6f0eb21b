interface Happening {
  at: number;
  order: number;
  run: () => void;
}

/**
 * The simulation's timetable: happenings run in time order, and those at the
 * same moment in the order they were scheduled, so a seed always replays the
 * same way. A happening may schedule later ones, such as the answer to a
 * request. Only about a day of happenings waits at once, so a sorted array
 * is quick enough.
 */
export class Agenda {
  readonly #waiting: Happening[] = [];
  #scheduled = 0;

  schedule(at: number, run: () => void): void {
    const happening = { at, order: this.#scheduled, run };
    this.#scheduled += 1;
    this.#waiting.splice(this.#indexAfter(at), 0, happening);
  }

  /** Runs every happening due before `endMs`, including ones they add. */
  runUntil(endMs: number): void {
    for (let next = this.#waiting[0]; next && next.at < endMs;
      next = this.#waiting[0]) {
      this.#waiting.shift();
      next.run();
    }
  }

  /** Where a happening at `at` goes: after every one due at or before it. */
  #indexAfter(at: number): number {
    let low = 0;
    let high = this.#waiting.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.#waiting[middle]!.at <= at) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
