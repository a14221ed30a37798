import { z } from 'zod';
import { LANGUAGES } from './host-api';
import { TERMINAL_SIZE_BOUNDS } from './terminal-size';

/**
 * The HostApi as request/response calls, with the schema of each call's arguments.
 * Both remote shells (Electron IPC and the web shell's local WebSocket) carry exactly
 * these calls and validate arguments with these schemas before touching a host service.
 */
const { cols, rows } = TERMINAL_SIZE_BOUNDS;
const size = z.strictObject({
  cols: z.number().int().min(cols.min).max(cols.max),
  rows: z.number().int().min(rows.min).max(rows.max),
});

export const HOST_CALLS = {
  'app:info': z.tuple([]),
  'settings:get': z.tuple([]),
  'settings:set': z.tuple([
    z.strictObject({
      displayName: z.string().max(64).optional(),
      relayUrl: z
        .string()
        .max(2048)
        .refine((url) => url === '' || /^wss?:\/\//i.test(url), 'relay URL must start with ws:// or wss://')
        .optional(),
    }),
  ]),
  'shell:open-external': z.tuple([z.string().max(4096)]),
  'relay:local': z.tuple([]),
  'terminal:open': z.tuple([size]),
  'terminal:write': z.tuple([z.string().max(64 * 1024)]),
  'terminal:resize': z.tuple([size]),
  'terminal:ack': z.tuple([z.number().int().min(0).max(1 << 30)]),
  'terminal:catch-up': z.tuple([z.number().int().min(0)]),
  'terminal:close': z.tuple([]),
  'run:presets': z.tuple([]),
  'run:run': z.tuple([z.strictObject({ language: z.enum(LANGUAGES), source: z.string().max(1024 * 1024) })]),
  'run:stop': z.tuple([]),
  'run:current': z.tuple([]),
} as const;

export type HostCall = keyof typeof HOST_CALLS;
export type HostCallArgs<C extends HostCall> = z.infer<(typeof HOST_CALLS)[C]>;

/** Events pushed from host services to the renderer. */
export const HOST_EVENTS = ['terminal:output', 'terminal:exit', 'terminal:resize', 'run:state', 'app:invite-link'] as const;
export type HostEvent = (typeof HOST_EVENTS)[number];

/** Validates a call's name and arguments; returns a message saying what is wrong, or the parsed args. */
export function parseHostCall(
  call: unknown,
  args: unknown,
): { ok: true; call: HostCall; args: unknown[] } | { ok: false; error: string } {
  if (typeof call !== 'string' || !Object.hasOwn(HOST_CALLS, call)) {
    return { ok: false, error: `unknown call ${JSON.stringify(String(call)).slice(0, 80)}` };
  }
  const parsed = HOST_CALLS[call as HostCall].safeParse(args);
  if (!parsed.success) return { ok: false, error: `${call}: ${z.prettifyError(parsed.error)}` };
  return { ok: true, call: call as HostCall, args: parsed.data as unknown[] };
}
