/**
 * Who is friends with whom on the simulated platform, as the platform
 * itself knows it: ties made long before Vigil was listening as well as
 * those made during the simulation.
 */
export class FriendGraph {
  readonly #friends = new Map<string, Set<string>>();
  readonly #since = new Map<string, number>();

  /** Makes two accounts friends as of `sinceMs`. */
  connect(a: string, b: string, sinceMs: number): void {
    this.#of(a).add(b);
    this.#of(b).add(a);
    this.#since.set(pairKey(a, b), sinceMs);
  }

  disconnect(a: string, b: string): void {
    this.#friends.get(a)?.delete(b);
    this.#friends.get(b)?.delete(a);
    this.#since.delete(pairKey(a, b));
  }

  /** When two friends became friends; undefined if they are not. */
  connectedSince(a: string, b: string): number | undefined {
    return this.#since.get(pairKey(a, b));
  }

  connected(a: string, b: string): boolean {
    return this.#friends.get(a)?.has(b) ?? false;
  }

  friendsOf(id: string): ReadonlySet<string> {
    return this.#friends.get(id) ?? new Set();
  }

  degree(id: string): number {
    return this.#friends.get(id)?.size ?? 0;
  }

  /** The platform's mutualConnections: friends the two have in common. */
  mutualCount(a: string, b: string): number {
    const mine = this.friendsOf(a);
    const theirs = this.friendsOf(b);
    const [small, large] = mine.size <= theirs.size ? [mine, theirs]
      : [theirs, mine];
    let shared = 0;
    for (const friend of small) if (large.has(friend)) shared += 1;
    return shared;
  }

  #of(id: string): Set<string> {
    let friends = this.#friends.get(id);
    if (!friends) {
      friends = new Set();
      this.#friends.set(id, friends);
    }
    return friends;
  }
}

function pairKey(a: string, b: string): string {
  return a < b ? `${a} ${b}` : `${b} ${a}`;
}
