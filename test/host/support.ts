import { mkdtemp, rm } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { createHostServices, type HostServices } from '../../src/host/index';
import type { TerminalChunk } from '../../src/shared/host-api';

/** A temporary workspace root, removed by the returned cleanup. */
export async function tempRoot(): Promise<{ root: string; remove: () => Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), 'duet-host-test-'));
  return { root, remove: () => rm(root, { recursive: true, force: true }) };
}

/** Fast, predictable bash for tests: no rc files, a fixed prompt. */
export const TEST_SHELL = { shell: '/bin/bash', shellArgs: ['--norc', '--noprofile'] };

/**
 * New host services (the test shell, a temporary workspace root) for every test of the
 * enclosing describe, disposed after it: read them as `host.services` inside a test.
 */
export function useHostServices(): { readonly services: HostServices } {
  const host = {} as { services: HostServices };
  let remove: () => Promise<void> = async () => undefined;
  beforeEach(async () => {
    const temp = await tempRoot();
    remove = temp.remove;
    host.services = createHostServices({ workspaceRoot: temp.root, ...TEST_SHELL });
  });
  afterEach(async () => {
    await host.services.dispose();
    await remove();
  });
  return host;
}

/** Collects terminal output as text and lets a test wait for a pattern in it. */
export class OutputLog {
  readonly chunks: TerminalChunk[] = [];
  private decoded = '';
  private readonly decoder = new StringDecoder('utf8');
  private waiters: { test: (text: string) => boolean; resolve: () => void }[] = [];

  /** Listener to pass to onOutput. */
  readonly listener = (chunk: TerminalChunk): void => {
    this.chunks.push(chunk);
    this.decoded += this.decoder.write(Buffer.from(chunk.data));
    // Patterns are short: looking at the recent tail keeps a multi-megabyte flood linear.
    const tail = this.decoded.slice(-(chunk.data.length + 64 * 1024));
    this.waiters = this.waiters.filter((waiter) => {
      if (!waiter.test(tail)) return true;
      waiter.resolve();
      return false;
    });
  };

  /** Everything received so far, decoded. */
  text(): string {
    return this.decoded;
  }

  /** Resolves when the output matches; rejects after `timeoutMs` with what was seen. */
  waitFor(pattern: RegExp | string, timeoutMs = 5000): Promise<void> {
    const test = (text: string) => (typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text));
    if (test(this.text())) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`timed out waiting for ${String(pattern)}; output so far: ${JSON.stringify(this.text().slice(-500))}`));
      }, timeoutMs);
      this.waiters.push({
        test,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  }
}
