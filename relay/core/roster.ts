/**
 * A session's admitted members in join order, readable as a map by member id. A session has
 * a handful of members (at most `maxMembersPerSession`), so a scan of one small array costs
 * less than a Map's lookup structure — which, over thousands of idle sessions, is memory that
 * counts. The array is replaced, never changed, when membership changes, so routing can
 * iterate `list` while a message it handles changes who is in the session.
 */
export class Roster<M extends { readonly id: number }> implements ReadonlyMap<number, M> {
  list: readonly M[] = [];

  get size(): number {
    return this.list.length;
  }

  get(id: number): M | undefined {
    const list = this.list;
    for (let i = 0; i < list.length; i++) if (list[i]!.id === id) return list[i];
    return undefined;
  }

  has(id: number): boolean {
    return this.get(id) !== undefined;
  }

  /** Adds a member at the end of the join order. */
  add(member: M): void {
    this.list = [...this.list, member];
  }

  /** Removes a member. */
  delete(member: M): void {
    this.list = this.list.filter((other) => other !== member);
  }

  clear(): void {
    this.list = [];
  }

  values(): MapIterator<M> {
    return this.list.values();
  }

  *keys(): MapIterator<number> {
    for (const member of this.list) yield member.id;
  }

  *entries(): MapIterator<[number, M]> {
    for (const member of this.list) yield [member.id, member];
  }

  [Symbol.iterator](): MapIterator<[number, M]> {
    return this.entries();
  }

  forEach(callback: (member: M, id: number, roster: ReadonlyMap<number, M>) => void): void {
    for (const member of this.list) callback(member, member.id, this);
  }

  get [Symbol.toStringTag](): string {
    return 'Roster';
  }
}
