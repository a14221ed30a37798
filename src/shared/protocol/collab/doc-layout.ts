import type { Language } from '../languages';

/**
 * The layout of the session's shared Y.Doc and of each peer's awareness state, which every
 * client must agree on to work alongside Duet's own (docs/protocol.md, "Shared document").
 * Names only: src/shared stays free of Yjs. Peers may be hostile, so readers check each
 * value and cut strings to the lengths below.
 */

/** The top-level shared types of the doc, by name, with their Yjs type. */
export const DOC_ROOTS = {
  /** The workspace: file id → FileEntry (a Y.Map with FILE_ENTRY_KEYS). */
  files: 'Y.Map',
  /** Session settings: see META_KEYS. */
  meta: 'Y.Map',
  /** The chat history, oldest first: ChatEntry objects. */
  chat: 'Y.Array',
} as const;

/** Keys of the `meta` map, with what each holds. */
export const META_KEYS = {
  /** The id (a key of `files`) of the file Run starts, chosen by the host; absent or gone means defaultEntry(). */
  entry: 'string',
  /** Which languages the host can run: an array of PublishedPreset, written by the host. */
  presets: 'PublishedPreset[]',
  /** When the session started (Unix ms, host's clock), written once by the host: the session clock counts from it. */
  startedAt: 'number',
  /** The host's countdown, a Countdown; absent when none is set. */
  countdown: 'Countdown',
} as const;

/**
 * Keys of one file's Y.Map in `files`. A file is known by its id, not its path: a rename sets
 * `path`, so edits made during a rename land in the same text and nothing typed is lost.
 */
export const FILE_ENTRY_KEYS = {
  /** Where the file sits in the workspace, e.g. `tests/test_solution.py` (see pathProblem). */
  path: 'string',
  /** The file's content. */
  text: 'Y.Text',
} as const;

/** The language a new session's main file is in (`main.js`). */
export const DEFAULT_LANGUAGE: Language = 'javascript';

/** Longest chat text stored; longer input is cut. */
export const MAX_CHAT_LENGTH = 2000;

/** One chat line in `chat` (any member may append one). */
export interface ChatEntry {
  /** Unique per entry: `<author's Y.Doc clientID>-<unix ms>-<array length>`. */
  id: string;
  /** The author's display name (readers cut it to 64 characters). */
  author: string;
  /** The author's member id. */
  memberId: number;
  /** The author's colour, `#rrggbb`. */
  color: string;
  /** The message, at most MAX_CHAT_LENGTH characters, trimmed. */
  text: string;
  /** Unix milliseconds, by the author's clock. */
  at: number;
}

/** One entry of `meta.presets`, as the host publishes it. */
export interface PublishedPreset {
  language: Language;
  /** What the picker shows (readers cut it to 32 characters). */
  label: string;
  /** The main file of a workspace in this language, e.g. `main.py` (readers cut it to 64). */
  fileName: string;
  /** Whether the toolchain was found on the host. */
  available: boolean;
  /** Why not, e.g. "go not found"; '' when available (readers cut it to 200). */
  missing: string;
}

/** `meta.countdown`: the host's countdown. At zero everyone is told; nothing is locked. */
export interface Countdown {
  /** When it reaches zero, Unix ms by the host's clock. */
  endsAt: number;
  /** How long it was set for, in ms. */
  durationMs: number;
}

/** What each peer publishes as its awareness state's `user` field. */
export interface AwarenessUser {
  /** Display name, as the relay cleaned it (readers cut it to 64). */
  name: string;
  /** The member's colour, `#rrggbb`. */
  color: string;
  /** The member id the relay gave this peer (receivers trust the relay-stamped sender over it). */
  memberId: number;
  /** The path of the file this member has open ('' when none); their `selection` is into that file's text. */
  file: string;
}

/** Field types of ChatEntry, PublishedPreset and AwarenessUser, for the protocol doc's tables. */
export const CHAT_ENTRY_FIELDS = { id: 'string', author: 'string', memberId: 'number', color: 'string', text: 'string', at: 'number' } as const satisfies Record<
  keyof ChatEntry,
  string
>;
export const PUBLISHED_PRESET_FIELDS = {
  language: 'string',
  label: 'string',
  fileName: 'string',
  available: 'boolean',
  missing: 'string',
} as const satisfies Record<keyof PublishedPreset, string>;
export const AWARENESS_USER_FIELDS = { name: 'string', color: 'string', memberId: 'number', file: 'string' } as const satisfies Record<keyof AwarenessUser, string>;

/** A top-level name of the doc. */
export type DocRoot = keyof typeof DOC_ROOTS;
/** A key of the `meta` map. */
export type MetaKey = keyof typeof META_KEYS;
/** A key of one file's map in `files`. */
export type FileEntryKey = keyof typeof FILE_ENTRY_KEYS;
