import { DisposableStore, type Disposable } from '../lifecycle';
import type { Member } from '../protocol';
import type { SessionClient } from './session-client';

/**
 * The host's own record of who it granted terminal input, kept next to the session client
 * and fed by its events. The host enforces terminal input on this record together with the
 * relay's member list, so a misbehaving relay cannot grant anyone the host's terminal; and
 * the record puts the relay right after it forgot (a restart) or claims too much (a page
 * reload lost the record). Inert on a guest's client.
 */
export class TerminalGrants implements Disposable {
  private readonly granted = new Set<number>();
  private readonly listeners = new DisposableStore();

  constructor(private readonly client: SessionClient) {
    this.listeners.add(client.on('welcome', ({ members }) => this.reconcile(members)));
    this.listeners.add(client.on('member-joined', (member) => this.restore(member)));
    this.listeners.add(client.on('member-back', (member) => this.restore(member)));
    this.listeners.add(client.on('member-left', ({ memberId }) => this.granted.delete(memberId)));
  }

  /** Grants or revokes a guest's terminal input; a revoke takes effect here at once. */
  set(memberId: number, terminalInput: boolean): void {
    if (terminalInput) this.granted.add(memberId);
    else this.granted.delete(memberId);
    const permissions = this.client.members.get(memberId)?.permissions ?? { terminalInput };
    this.client.setPermissions(memberId, { ...permissions, terminalInput });
  }

  /** Whether this host granted `memberId` terminal input and has not revoked it. */
  has(memberId: number): boolean {
    return this.granted.has(memberId);
  }

  /** Stops listening; the record is gone with it. */
  dispose(): void {
    this.listeners.dispose();
    this.granted.clear();
  }

  /**
   * On every welcome of the host: a grant the relay reports but this host never made is
   * revoked, so the switch everyone sees matches what the host will actually accept; a
   * grant the relay lost is applied again.
   */
  private reconcile(members: readonly Member[]): void {
    if (!this.client.isHost) return;
    for (const member of members) {
      if (member.role === 'guest' && member.permissions.terminalInput && !this.granted.has(member.id)) {
        this.client.setPermissions(member.id, { ...member.permissions, terminalInput: false });
      }
    }
    for (const member of members) this.restore(member);
  }

  /** A relay that restarted re-admits guests with terminal input off; the host still grants it. */
  private restore(member: Member): void {
    if (!this.client.isHost || member.role !== 'guest' || member.permissions.terminalInput || !this.granted.has(member.id)) return;
    this.client.setPermissions(member.id, { ...member.permissions, terminalInput: true });
  }
}
