import { mkdir, open, rename, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Logger } from 'pino';
import { MemoryStore } from './memory-store';
import { RecordBook } from './record-book';
import type { RelayStore } from './relay-store';
import { entriesOf, RecordEntry, type SessionRecord } from './session-record';

/** The log's name inside the data dir. */
export const RECORD_FILE = 'sessions.jsonl';
/** Compact once the log has grown past this many bytes and past four times its compacted size. */
const COMPACT_MIN_BYTES = 4 * 1024 * 1024;

export interface FileStoreOptions {
  readonly log: Logger;
  readonly now?: () => number;
  /** Sessions in use right now: compaction never expires their records. */
  readonly keep?: (sid: string) => boolean;
  /** Compact once the log passes this many bytes (and four times its compacted size). */
  readonly compactMinBytes?: number;
}

/**
 * Records in an append-only JSON-lines file in the data dir. Every append is written and
 * fdatasync'd before its promise resolves; appends that arrive while a write is under way
 * go out together in the next one (group commit), so a burst costs one sync, not one each.
 * On open the log is read back (a torn last line — the process died mid-write — is ignored),
 * expired records are dropped, and the file is rewritten compacted.
 */
export class FileStore extends MemoryStore implements RelayStore {
  override readonly immediate = false;
  private pending: string[] = [];
  private waiters: { resolve: () => void; reject: (error: Error) => void }[] = [];
  private writing: Promise<void> | undefined;
  /** What the log held at open (for the start-up line). */
  loaded = { sessions: 0, expired: 0 };
  private bytes = 0;
  private compactedBytes = 0;
  private closed = false;

  private constructor(
    book: RecordBook,
    private readonly file: string,
    private handle: FileHandle,
    private readonly options: FileStoreOptions,
  ) {
    super(book);
  }

  /** Opens (or creates) the log in `dir`, replays it and compacts it. */
  static async open(dir: string, options: FileStoreOptions): Promise<FileStore> {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const file = join(dir, RECORD_FILE);
    const book = new RecordBook();
    const { entries, skipped, tornTail } = await readLog(file);
    for (const entry of entries) book.apply(entry);
    const now = options.now ?? Date.now;
    const expired = book.expire(now());
    if (skipped > 0 || tornTail) options.log.warn({ file, skipped, tornTail }, 'session records: ignored unreadable lines');
    const handle = await writeCompacted(file, book.records.values());
    const store = new FileStore(book, file, handle, options);
    store.bytes = store.compactedBytes = (await handle.stat()).size;
    store.loaded = { sessions: book.records.size, expired };
    return store;
  }

  override append(entries: readonly RecordEntry[]): Promise<void> {
    if (this.closed) return Promise.reject(new Error('the session record store is closed'));
    for (const entry of entries) {
      this.book.apply(entry);
      this.pending.push(`${JSON.stringify(entry)}\n`);
    }
    const durable = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    this.writing ??= this.drain();
    return durable;
  }

  override async close(): Promise<void> {
    this.closed = true;
    await this.writing;
    await this.handle.close();
  }

  /** The one writer: writes and syncs what is pending, again while more arrived meanwhile. */
  private async drain(): Promise<void> {
    while (this.pending.length > 0) {
      const text = this.pending.join('');
      const waiters = this.waiters;
      this.pending = [];
      this.waiters = [];
      try {
        await this.handle.write(text);
        await this.handle.datasync();
        this.bytes += Buffer.byteLength(text);
        for (const waiter of waiters) waiter.resolve();
      } catch (error) {
        this.options.log.error({ err: error, file: this.file }, 'session records: write failed');
        for (const waiter of waiters) waiter.reject(error as Error);
      }
      if (this.pending.length === 0 && !this.closed && this.shouldCompact()) await this.compact();
    }
    this.writing = undefined;
  }

  private shouldCompact(): boolean {
    return this.bytes > (this.options.compactMinBytes ?? COMPACT_MIN_BYTES) && this.bytes > 4 * this.compactedBytes;
  }

  private async compact(): Promise<void> {
    try {
      const now = this.options.now ?? Date.now;
      this.book.expire(now(), this.options.keep);
      const old = this.handle;
      this.handle = await writeCompacted(this.file, this.book.records.values());
      await old.close();
      this.bytes = this.compactedBytes = (await this.handle.stat()).size;
    } catch (error) {
      // The old log is still complete and still being appended to; try again after more writes.
      this.options.log.error({ err: error, file: this.file }, 'session records: compaction failed');
      this.compactedBytes = this.bytes;
    }
  }
}

/** Reads every whole, valid entry of the log; a missing file is an empty log. */
async function readLog(file: string): Promise<{ entries: RecordEntry[]; skipped: number; tornTail: boolean }> {
  let text: string;
  try {
    const handle = await open(file, 'r');
    try {
      text = await handle.readFile('utf8');
    } finally {
      await handle.close();
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], skipped: 0, tornTail: false };
    throw error;
  }
  const lines = text.split('\n');
  // Everything after the last newline is a write the process did not finish.
  const tornTail = lines.pop() !== '';
  const entries: RecordEntry[] = [];
  let skipped = 0;
  for (const line of lines) {
    if (line === '') continue;
    const parsed = RecordEntry.safeParse(parseJson(line));
    if (parsed.success) entries.push(parsed.data);
    else skipped++;
  }
  return { entries, skipped, tornTail };
}

function parseJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    // An unreadable line is counted as skipped by the caller, like any other invalid entry.
    return undefined;
  }
}

/**
 * Writes the records as a fresh log beside the old one, syncs it, renames it over the old
 * one and syncs the folder, so a crash at any point leaves one complete log. Returns the new
 * log, open for appending.
 */
async function writeCompacted(file: string, records: Iterable<SessionRecord>): Promise<FileHandle> {
  const temporary = `${file}.tmp`;
  const out = await open(temporary, 'w', 0o600);
  try {
    const lines: string[] = [];
    for (const record of records) for (const entry of entriesOf(record)) lines.push(`${JSON.stringify(entry)}\n`);
    await out.write(lines.join(''));
    await out.datasync();
  } finally {
    await out.close();
  }
  await rename(temporary, file);
  const folder = await open(dirname(file), 'r');
  try {
    await folder.sync();
  } finally {
    await folder.close();
  }
  return open(file, 'a', 0o600);
}
