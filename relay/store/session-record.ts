import { z } from 'zod';
import { Roster } from '../core/roster';

/**
 * What the relay must not forget about a session when its process dies: who the host is,
 * who was admitted and what they may do, who is gone for good (their tokens revoked), and
 * whether it ended. Stored as a log of entries; a record is those entries folded together.
 * Nothing here is a payload: no document, no terminal bytes, no chat.
 */

const sid = z.string().min(1).max(64);
const mid = z.number().int().min(1).max(0xffff_ffff);
const name = z.string().max(1024);

export const RecordEntry = z.discriminatedUnion('t', [
  /** A session was created: its code and host. */
  z.strictObject({ t: z.literal('open'), sid, code: z.string().min(1).max(64), host: mid, name, autoAdmit: z.boolean(), at: z.number() }),
  /** A guest was admitted. */
  z.strictObject({ t: z.literal('member'), sid, mid, name, at: z.number() }),
  /** A member is gone for good (left, removed, timed out): its tokens no longer work. */
  z.strictObject({ t: z.literal('revoke'), sid, mid, why: z.enum(['left', 'removed', 'timeout']), at: z.number() }),
  /** The host granted or revoked terminal input. */
  z.strictObject({ t: z.literal('perm'), sid, mid, terminalInput: z.boolean(), at: z.number() }),
  /** The host turned auto-admit on or off. */
  z.strictObject({ t: z.literal('auto-admit'), sid, on: z.boolean(), at: z.number() }),
  /** The session was rebuilt from this record (a relay restart, or another node taking it over). */
  z.strictObject({ t: z.literal('epoch'), sid, epoch: z.number().int().nonnegative(), at: z.number() }),
  /** The session ended: its code and every token die. */
  z.strictObject({ t: z.literal('end'), sid, reason: z.enum(['host-ended', 'host-gone']), at: z.number() }),
]);
export type RecordEntry = z.infer<typeof RecordEntry>;
export type RecordEntryOf<T extends RecordEntry['t']> = Extract<RecordEntry, { t: T }>;

/** One admitted member as the record holds it. */
export interface RecordedMember {
  readonly id: number;
  readonly name: string;
  readonly role: 'host' | 'guest';
  terminalInput: boolean;
}

/** A session's record: the fold of its entries. */
export interface SessionRecord {
  readonly sid: string;
  readonly code: string;
  readonly host: number;
  autoAdmit: boolean;
  /** How many times the session was rebuilt from this record. */
  epoch: number;
  /** Admitted members (host first, then in join order), without the revoked ones. */
  readonly members: Roster<RecordedMember>;
  /** Members gone for good (none until the first). */
  revoked: Set<number> | undefined;
  ended: boolean;
  /** Time of the newest entry: records are forgotten a token lifetime after it. */
  touchedAt: number;
}

/**
 * Folds one entry into the records (by session id). Entries for a session without an
 * `open` are ignored: a log cut in the middle of compaction must not invent sessions.
 */
export function applyEntry(records: Map<string, SessionRecord>, entry: RecordEntry): SessionRecord | undefined {
  if (entry.t === 'open') {
    if (records.has(entry.sid)) return records.get(entry.sid);
    const record: SessionRecord = {
      sid: entry.sid,
      code: entry.code,
      host: entry.host,
      autoAdmit: entry.autoAdmit,
      epoch: 0,
      members: new Roster<RecordedMember>(),
      revoked: undefined,
      ended: false,
      touchedAt: entry.at,
    };
    record.members.add({ id: entry.host, name: entry.name, role: 'host', terminalInput: true });
    records.set(entry.sid, record);
    return record;
  }
  const record = records.get(entry.sid);
  if (record === undefined) return undefined;
  record.touchedAt = Math.max(record.touchedAt, entry.at);
  switch (entry.t) {
    case 'member':
      if (record.revoked?.has(entry.mid) !== true && !record.members.has(entry.mid)) {
        record.members.add({ id: entry.mid, name: entry.name, role: 'guest', terminalInput: false });
      }
      break;
    case 'revoke':
      if (entry.mid !== record.host) {
        const member = record.members.get(entry.mid);
        if (member !== undefined) record.members.delete(member);
        (record.revoked ??= new Set()).add(entry.mid);
      }
      break;
    case 'perm': {
      const member = record.members.get(entry.mid);
      if (member !== undefined && member.role === 'guest') member.terminalInput = entry.terminalInput;
      break;
    }
    case 'auto-admit':
      record.autoAdmit = entry.on;
      break;
    case 'epoch':
      record.epoch = Math.max(record.epoch, entry.epoch);
      break;
    case 'end':
      // An ended session needs only its id and code (to refuse both); its people are forgotten.
      record.ended = true;
      record.members.clear();
      record.revoked = undefined;
      break;
  }
  return record;
}

/**
 * The entries that rebuild `record` exactly (compaction writes these instead of the history).
 * Revocations are kept: they are what stops an old token.
 */
export function entriesOf(record: SessionRecord): RecordEntry[] {
  const { sid } = record;
  const at = record.touchedAt;
  const host = record.members.get(record.host);
  const entries: RecordEntry[] = [
    { t: 'open', sid, code: record.code, host: record.host, name: host?.name ?? 'Host', autoAdmit: record.autoAdmit, at },
  ];
  if (record.epoch > 0) entries.push({ t: 'epoch', sid, epoch: record.epoch, at });
  for (const member of record.members.values()) {
    if (member.role !== 'guest') continue;
    entries.push({ t: 'member', sid, mid: member.id, name: member.name, at });
    if (member.terminalInput) entries.push({ t: 'perm', sid, mid: member.id, terminalInput: true, at });
  }
  if (record.ended) {
    entries.push({ t: 'end', sid, reason: 'host-ended', at });
    return entries;
  }
  for (const mid of record.revoked ?? []) entries.push({ t: 'revoke', sid, mid, why: 'removed', at });
  return entries;
}
