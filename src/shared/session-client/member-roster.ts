import type { Member, Permissions, RelayMessageOf } from '../protocol';

/**
 * The client's view of who is in the session and who is knocking, kept up to date from
 * the relay's presence events. Pure state; the session client emits the events.
 */
export class MemberRoster {
  readonly members = new Map<number, Member>();
  readonly knocks = new Map<number, string>();
  /** Names of members who left, so "X left" can still name them. */
  private readonly departed = new Map<number, string>();

  /** Replaces everything with the member list of a `welcome`. */
  reset(welcome: RelayMessageOf<'welcome'>): void {
    this.members.clear();
    for (const member of welcome.members) this.members.set(member.id, member);
    this.members.set(welcome.you.id, welcome.you);
  }

  /** Adds an admitted member (and clears its knock). */
  join(member: Member): void {
    this.knocks.delete(member.id);
    this.members.set(member.id, member);
  }

  /** Removes a member; returns its name for the "left" notice. */
  leave(memberId: number): string {
    const member = this.members.get(memberId);
    this.members.delete(memberId);
    const name = member?.name ?? this.departed.get(memberId) ?? `member ${memberId}`;
    this.departed.set(memberId, name);
    return name;
  }

  /** Marks a member online or reconnecting; returns the updated record. */
  setConnection(memberId: number, connection: Member['connection']): Member | undefined {
    return this.update(memberId, { connection });
  }

  /** Records new permissions; returns the updated record. */
  setPermissions(memberId: number, permissions: Permissions): Member | undefined {
    return this.update(memberId, { permissions });
  }

  private update(memberId: number, patch: Partial<Member>): Member | undefined {
    const member = this.members.get(memberId);
    if (!member) return undefined;
    const updated = { ...member, ...patch };
    this.members.set(memberId, updated);
    return updated;
  }
}
