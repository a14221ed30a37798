import { ESLint } from 'eslint';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The layering rule (eslint/layering.js with the rows in eslint.config.js), run the way
 * `npm run lint` runs it, on code planted at paths in the real tree: relative imports resolve
 * against the real files. Each violation must be reported exactly once by the rule, naming the
 * importing folder and what it imported; each allowed import must pass.
 */
const root = resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: root, overrideConfigFile: resolve(root, 'eslint.config.js') });

async function layeringMessages(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  // A planted snippet that does not parse would report nothing and pass for the wrong reason.
  expect(result!.messages.filter((m) => m.fatal)).toEqual([]);
  return result!.messages.filter((m) => m.ruleId === 'duet/layering').map((m) => m.message);
}

/** [importing file, code, what the one message must say] */
const violations: Array<[string, string, string]> = [
  // The ones a deny-list let through.
  ['src/renderer/planted.ts', "import { createHostServices } from '../host';", 'src/renderer may not import src/host (src/host/index.ts)'],
  ['src/renderer/planted.ts', "export const load = () => import('../host/shared-terminal');", 'src/renderer may not import src/host'],
  ['src/host/planted.ts', "import { app } from 'electron/main';", 'src/host may not import package electron'],
  ['relay/planted.ts', "import * as decoding from 'lib0/decoding';", 'relay may not import package lib0'],
  ['src/shared/planted.ts', "import pino from 'pino';", 'src/shared may not import package pino'],
  ['src/shared/planted.ts', "import * as encoding from 'lib0/encoding';", 'src/shared may not import package lib0'],
  ['src/main/planted.ts', "import { spawn } from 'node-pty';", 'src/main may not import package node-pty'],
  ['src/main/planted.ts', "import * as Y from 'yjs';", 'src/main may not import package yjs'],
  ['bench/planted.ts', "import * as Y from 'yjs';", 'bench may not import package yjs'],
  ['bench/planted.ts', "import { createHostServices } from '../src/host/index';", 'bench may not import src/host'],
  ['scripts/planted.mjs', "import { WebSocket } from 'ws';", 'scripts may not import package ws'],
  ['scripts/planted.mjs', "import { startRelay } from '../relay/relay.ts';", 'scripts may not import relay (relay/relay.ts)'],
  // Every way of importing counts, types included.
  ['src/shared/planted.ts', "import type { WebSocket } from 'ws';", 'src/shared may not import package ws'],
  ['src/shared/planted.ts', "export type Server = import('ws').WebSocketServer;", 'src/shared may not import package ws'],
  ['src/preload/planted.ts', "export { createHostServices } from '../host';", 'src/preload may not import src/host'],
  ['src/renderer/planted.ts', "export * from '../web/web-shell';", 'src/renderer may not import src/web (src/web/web-shell.ts)'],
  ['src/renderer/planted.ts', "const pty = require('node-pty');\nexport { pty };", 'src/renderer may not import package node-pty'],
  ['src/renderer/planted.ts', "import fs = require('fs');\nexport { fs };", 'src/renderer may not import Node builtin fs'],
  ['src/renderer/planted.ts', '/// <reference types="node" />\nexport {};', 'src/renderer may not import Node builtin'],
  // However the path is spelled, it is the file it reaches.
  ['src/renderer/planted.ts', "import '../renderer/../host/terminal-mirror';", 'src/renderer may not import src/host'],
  ['src/renderer/collab/planted.ts', "import '../../../src/host/index.ts';", 'src/renderer may not import src/host (src/host/index.ts)'],
  ['src/shared/planted.ts', "import '../../relay/relay';", 'src/shared may not import relay (relay/relay.ts)'],
  // Node builtins with and without the prefix, subpaths included.
  ['src/shared/planted.ts', "import { readFile } from 'node:fs/promises';", 'src/shared may not import Node builtin fs'],
  ['src/renderer/planted.ts', "import { join } from 'path';", 'src/renderer may not import Node builtin path'],
  ['src/preload/planted.ts', "import { EventEmitter } from 'node:events';", 'src/preload may not import Node builtin events'],
  ['src/renderer/planted.ts', "import { ipcRenderer } from 'electron';", 'src/renderer may not import package electron'],
  // The relay stays content-agnostic.
  ['relay/planted.ts', "import * as Y from 'yjs';", 'relay may not import package yjs'],
  ['relay/planted.ts', "import * as sync from 'y-protocols/sync';", 'relay may not import package y-protocols'],
  ['relay/planted.ts', "import headless from '@xterm/headless';", 'relay may not import package @xterm/headless'],
  ['src/web/planted.ts', "import '../renderer/app/app';", 'src/web may not import src/renderer'],
  // What the rule cannot check is an error rather than a pass.
  ['src/shared/planted.ts', "import { gone } from './does-not-exist';", "src/shared imports './does-not-exist', which resolves to no file"],
  ['src/renderer/planted.ts', "export const load = (name: string) => import(name);", 'src/renderer imports a computed specifier'],
  ['tools/planted.ts', "import { z } from 'zod';", 'tools/planted.ts is in no row of the layering table'],
];

/** [importing file, code]: imports each row allows. */
const allowed: Array<[string, string]> = [
  ['src/renderer/planted.ts', "import * as Y from 'yjs';\nimport '@xterm/xterm/css/xterm.css';\nimport { CHANNELS } from '../shared/protocol';"],
  ['src/renderer/planted.ts', "export const load = () => import('monaco-editor/esm/vs/editor/editor.worker.js?worker');"],
  ['src/main/planted.ts', "import { app } from 'electron/main';\nimport { join } from 'node:path';\nimport { createHostServices } from '../host';"],
  ['src/preload/planted.ts', "import { contextBridge } from 'electron';\nimport type { ControlMessage } from '../shared/protocol';"],
  ['src/shared/planted.ts', "import { z } from 'zod';\nexport type { Channel } from './protocol';"],
  ['src/host/planted.ts', "import { spawn } from 'node-pty';\nexport const fs = () => import('node:fs');\nimport { CHANNELS } from '../shared/protocol/index.ts';"],
  ['src/web/planted.ts', "import { WebSocketServer } from 'ws';\nimport { createHostServices } from '../host/index';"],
  ['relay/planted.ts', "import { createClient } from 'redis';\nimport { RESP_TYPES } from '@redis/client';\nimport pino from 'pino';"],
  ['bench/planted.ts', "import { build } from 'hdr-histogram-js';\nimport { io } from 'socket.io-client';\nimport '../relay/relay';"],
  ['scripts/planted.mjs', "import { spawn } from 'node:child_process';\nimport { buildIfStale } from './build-if-stale.mjs';"],
  ['test/lint/planted.ts', "import * as Y from 'yjs';\nimport '../../src/host/index';\nimport '../../relay/relay';"],
];

describe('layering rule', () => {
  it.each(violations)('%s: %s is reported', async (file, code, expected) => {
    const messages = await layeringMessages(file, code);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain(expected);
    if (messages[0]!.includes('may not import')) expect(messages[0]).toContain('layering table');
  });

  it.each(allowed)('%s: %s passes', async (file, code) => {
    expect(await layeringMessages(file, code)).toEqual([]);
  });
});
