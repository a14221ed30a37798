import { RecordBook } from './record-book';
import type { RelayStore } from './relay-store';
import type { RecordEntry, SessionRecord } from './session-record';

/**
 * Records in this process's memory only: a restart forgets every session (their tokens then
 * fail with `unknown-code`). For a relay without a data dir, and for tests.
 */
export class MemoryStore implements RelayStore {
  readonly immediate: boolean = true;

  constructor(readonly book = new RecordBook()) {}

  get(sid: string): Promise<SessionRecord | undefined> {
    return Promise.resolve(this.book.get(sid));
  }

  sessionForCode(code: string): Promise<string | undefined> {
    return Promise.resolve(this.book.sessionForCode(code));
  }

  claimCode(code: string, sid: string): Promise<boolean> {
    return Promise.resolve(this.book.reserve(code, sid));
  }

  append(entries: readonly RecordEntry[]): Promise<void> {
    for (const entry of entries) this.book.apply(entry);
    return Promise.resolve();
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
