/**
 * A small seeded random source. The simulation must give the same platform
 * for the same seed on every machine, which Math.random cannot promise.
 */
export class Random {
  #state: number;

  constructor(seed: number) {
    this.#state = scramble(seed >>> 0) >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    // A Weyl sequence stepped by the golden ratio, then scrambled: every
    // 32-bit state is visited once and neighbouring outputs look unrelated.
    this.#state = (this.#state + 0x9e3779b9) >>> 0;
    return scramble(this.#state) / 2 ** 32;
  }

  /** An independent stream for one part of the simulation, so that adding
   *  draws to one part leaves every other part's draws unchanged. */
  fork(label: string): Random {
    let hash = this.#state;
    for (const char of label) {
      hash = scramble(hash ^ char.charCodeAt(0));
    }
    return new Random(hash);
  }

  /** A whole number from min to max, both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new RangeError('cannot pick from nothing');
    return item;
  }

  /** One of the choices, each drawn in proportion to its weight. */
  weighted<T>(choices: readonly (readonly [T, number])[]): T {
    const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
    let point = this.next() * total;
    for (const [choice, weight] of choices) {
      point -= weight;
      if (point < 0) return choice;
    }
    const last = choices[choices.length - 1];
    if (!last) throw new RangeError('cannot choose from nothing');
    return last[0];
  }

  /** Up to `count` distinct items, in random order. */
  sample<T>(items: readonly T[], count: number): T[] {
    const copy = [...items];
    const taken = Math.min(count, copy.length);
    for (let i = 0; i < taken; i += 1) {
      const j = i + Math.floor(this.next() * (copy.length - i));
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy.slice(0, taken);
  }

  /** All the items, in random order. */
  shuffle<T>(items: readonly T[]): T[] {
    return this.sample(items, items.length);
  }

  /** How many of a rare thing happen, when `mean` happen on average. */
  poisson(mean: number): number {
    const limit = Math.exp(-mean);
    let count = 0;
    for (let product = this.next(); product > limit; count += 1) {
      product *= this.next();
    }
    return count;
  }

  /** A heavy-tailed positive number: half fall below `median`. */
  logNormal(median: number, spread: number): number {
    const u = Math.max(this.next(), Number.EPSILON);
    const normal = Math.sqrt(-2 * Math.log(u)) *
      Math.cos(2 * Math.PI * this.next());
    return median * Math.exp(spread * normal);
  }
}

/** The 32-bit finaliser of a well-known hash: small input changes flip
 *  about half of the output bits. */
function scramble(value: number): number {
  let x = value >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}
