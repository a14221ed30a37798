/**
 * The awareness fields of follow mode (docs/protocol.md, "Follow mode"): what each member
 * looks at, whom it follows, and the host's request that everyone follow it. Names and
 * shapes only; peers may be hostile, so readers check each value.
 */

/** Longest `view.file` path readers accept (longer ones are ignored). */
export const MAX_VIEW_FILE_LENGTH = 512;

/** What a member looks at: its awareness state's `view` field, updated (throttled) as it scrolls. */
export interface AwarenessView {
  /** The workspace path of the file it has open; absent while there is one document. */
  file?: string;
  /** The 1-based line at the top of its editor. */
  topLine: number;
}

/** The host's request that everyone follow it: its awareness state's `followMe` field, absent when it asks nothing. */
export interface AwarenessFollowRequest {
  /** Identifies this request (the host's clock in unix ms when it asked): a member answers each request once. */
  since: number;
}

/** Field types of the follow-mode awareness fields, for the protocol doc's tables. */
export const AWARENESS_VIEW_FIELDS = { file: 'string (optional)', topLine: 'number' } as const satisfies Record<keyof AwarenessView, string>;
export const AWARENESS_FOLLOW_REQUEST_FIELDS = { since: 'number' } as const satisfies Record<keyof AwarenessFollowRequest, string>;

/** The top-level awareness fields follow mode adds, with their types. */
export const FOLLOW_AWARENESS_FIELDS = {
  view: 'AwarenessView',
  following: 'number (optional)',
  followMe: 'AwarenessFollowRequest (optional)',
} as const;

/** Reads a peer's `view` field, or undefined when it is not a valid one. */
export function readView(value: unknown): AwarenessView | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const view = value as Record<string, unknown>;
  if (typeof view.topLine !== 'number' || !Number.isInteger(view.topLine) || view.topLine < 1) return undefined;
  const file = typeof view.file === 'string' && view.file.length > 0 && view.file.length <= MAX_VIEW_FILE_LENGTH ? view.file : undefined;
  return file === undefined ? { topLine: view.topLine } : { file, topLine: view.topLine };
}

/** Reads a peer's `followMe` field, or undefined when it asks nothing (or not validly). */
export function readFollowRequest(value: unknown): AwarenessFollowRequest | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const since = (value as Record<string, unknown>).since;
  return typeof since === 'number' && Number.isFinite(since) ? { since } : undefined;
}

/** Reads a peer's `following` field: the member id it follows, or undefined. */
export function readFollowing(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
}
