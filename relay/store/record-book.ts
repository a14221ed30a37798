import { RECORD_TTL_MS } from './relay-store';
import { applyEntry, type RecordEntry, type SessionRecord } from './session-record';

/**
 * Session records in memory, indexed by id and by invite code, with expiry. The memory
 * store is exactly this; the file store keeps one of these and a log that rebuilds it.
 */
export class RecordBook {
  readonly records = new Map<string, SessionRecord>();
  private readonly codes = new Map<string, string>();

  /** Folds an entry in. */
  apply(entry: RecordEntry): void {
    const record = applyEntry(this.records, entry);
    if (record !== undefined && entry.t === 'open') this.codes.set(record.code, record.sid);
  }

  get(sid: string): SessionRecord | undefined {
    return this.records.get(sid);
  }

  /** The live session holding `code`. */
  sessionForCode(code: string): string | undefined {
    const sid = this.codes.get(code);
    return sid !== undefined && this.records.get(sid)?.ended === false ? sid : undefined;
  }

  /** Reserves `code` for session `sid`: false when a remembered record (live or ended) or another reservation holds it. */
  reserve(code: string, sid: string): boolean {
    if (this.codes.has(code)) return false;
    this.codes.set(code, sid);
    return true;
  }

  /** Forgets records untouched for a token lifetime, except those `keep` says are in use. */
  expire(now: number, keep: (sid: string) => boolean = () => false): number {
    let dropped = 0;
    for (const [sid, record] of this.records) {
      if (record.touchedAt + RECORD_TTL_MS > now || keep(sid)) continue;
      this.records.delete(sid);
      if (this.codes.get(record.code) === sid) this.codes.delete(record.code);
      dropped++;
    }
    // A reservation whose session never opened (its create was refused or failed) frees its code.
    for (const [code, sid] of this.codes) if (!this.records.has(sid) && !keep(sid)) this.codes.delete(code);
    return dropped;
  }
}
