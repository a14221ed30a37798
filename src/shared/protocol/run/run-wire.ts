import { z } from 'zod';
import { utf8Decode, utf8Encode } from '../../utf8';
import { LANGUAGES } from '../languages';

/**
 * Payloads of the run channel (protocol v1, application level: the relay forwards them
 * without reading them). JSON, because the channel is low-rate and the state is small.
 *
 *   run (host → all)    {"type":"state","state":RunState}
 *   run (guest → host)  {"type":"run"} | {"type":"stop"}   honoured only for guests the host granted terminal input
 */

/** Longest run command a state may carry. */
export const MAX_RUN_COMMAND_LENGTH = 4096;

/** What is running in the shared terminal, as everyone sees it. */
export const RunState = z.discriminatedUnion('status', [
  /** Nothing is running (or a finished run is no longer shown). */
  z.object({ status: z.literal('idle') }),
  /** A run is going: the language, the command typed into the terminal, and when it started (host's Unix ms). */
  z.object({
    status: z.literal('running'),
    language: z.enum(LANGUAGES),
    command: z.string().max(MAX_RUN_COMMAND_LENGTH),
    startedAt: z.number(),
  }),
  /** The last run ended: its exit code (130 after Ctrl-C, 137 when Stop had to kill it) and how long it took. */
  z.object({
    status: z.literal('exited'),
    language: z.enum(LANGUAGES),
    exitCode: z.number().int(),
    durationMs: z.number().min(0),
  }),
]);
export type RunState = z.infer<typeof RunState>;

/** Messages on the run channel. */
export const RunMessage = z.discriminatedUnion('type', [
  /** Host → all: what is running now. */
  z.object({ type: z.literal('state'), state: RunState }),
  /** Guest with terminal input → host: run the shared document. */
  z.object({ type: z.literal('run') }),
  /** Guest with terminal input → host: stop the current run. */
  z.object({ type: z.literal('stop') }),
]);
export type RunMessage = z.infer<typeof RunMessage>;

/** Encodes a run-channel message. */
export function encodeRunMessage(message: RunMessage): Uint8Array {
  return utf8Encode(JSON.stringify(message));
}

/** Decodes and validates a run-channel message; undefined when malformed (peers may be hostile). */
export function decodeRunMessage(bytes: Uint8Array): RunMessage | undefined {
  let value: unknown;
  try {
    value = JSON.parse(utf8Decode(bytes));
  } catch {
    return undefined; // not JSON: a peer's garbage, dropped like any malformed payload
  }
  const parsed = RunMessage.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}
