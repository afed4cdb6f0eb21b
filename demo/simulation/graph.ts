/**
 * Who is friends with whom on the simulated platform, as the platform
 * itself knows it: ties made long before Vigil was listening as well as
 * those made during the simulation.
 */
export class FriendGraph {
  readonly #friends = new Map<string, Set<string>>();

  connect(a: string, b: string): void {
    this.#of(a).add(b);
    this.#of(b).add(a);
  }

  disconnect(a: string, b: string): void {
    this.#friends.get(a)?.delete(b);
    this.#friends.get(b)?.delete(a);
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
