/**
 * Data channels of protocol v1. Each binary frame names one. The relay routes by
 * channel and target and never looks inside the payload; the payload formats below
 * are agreed between clients (see docs/protocol.md, "Channels").
 */
export const CHANNELS = {
  /** Reserved: control messages travel as JSON text frames, never as binary frames. */
  control: 0,
  /** Yjs document sync and awareness (y-protocols messages), any member → any member. */
  doc: 1,
  /** Terminal output from the host's pty, host → guests, with byte sequence numbers. May be dropped for slow members. */
  terminalOut: 2,
  /** Keystrokes for the host's pty, guest → host. Dropped by the relay unless the host granted terminal input. */
  terminalIn: 3,
  /** Chat notices between members (the history itself lives in the shared document). */
  chat: 4,
  /** Run state (host → all) and run/stop requests (guest → host). */
  run: 5,
  /** Terminal resync requests and answers (guest ↔ host); allowed without terminal-input permission. */
  terminalSync: 6,
} as const;

export type ChannelName = keyof typeof CHANNELS;
export type ChannelId = (typeof CHANNELS)[ChannelName];

const NAME_BY_ID: readonly ChannelName[] = (() => {
  const names: ChannelName[] = [];
  for (const [name, id] of Object.entries(CHANNELS) as [ChannelName, number][]) names[id] = name;
  return names;
})();

/** The highest channel id v1 defines; frames naming a higher one are rejected. */
export const MAX_CHANNEL_ID = NAME_BY_ID.length - 1;

/** The name of a channel id, or undefined when v1 does not define it. */
export function channelName(id: number): ChannelName | undefined {
  return NAME_BY_ID[id];
}
