import { describe, expect, it } from 'vitest';
import { presetAvailability } from '../../../src/renderer/run/preset-availability';
import { isRunShortcut } from '../../../src/renderer/run/run-shortcut';
import { describeRunState, formatDuration, runTone } from '../../../src/renderer/run/run-state-text';
import type { RunPresetInfo } from '../../../src/shared/host-api';

describe('run state as everyone reads it', () => {
  it('says what runs, and how a run ended and how long it took', () => {
    expect(describeRunState({ status: 'idle' })).toBe('Not running');
    expect(describeRunState({ status: 'running', language: 'python', command: 'python3 main.py', startedAt: 0 })).toBe(
      'Running python3 main.py',
    );
    expect(describeRunState({ status: 'exited', language: 'javascript', exitCode: 0, durationMs: 1234 })).toBe('Exited 0 in 1.2 s');
    expect(describeRunState({ status: 'exited', language: 'javascript', exitCode: 3, durationMs: 80 })).toBe('Exited 3 in 0.1 s');
  });

  it('formats durations for short and long runs', () => {
    expect(formatDuration(0)).toBe('0.0 s');
    expect(formatDuration(9_940)).toBe('9.9 s');
    expect(formatDuration(12_400)).toBe('12 s');
    expect(formatDuration(125_000)).toBe('2 min 5 s');
    expect(formatDuration(120_000)).toBe('2 min');
    expect(formatDuration(Number.NaN)).toBe('0.0 s');
  });

  it('colours success and failure differently', () => {
    expect(runTone({ status: 'exited', language: 'go', exitCode: 0, durationMs: 1 })).toBe('ok');
    expect(runTone({ status: 'exited', language: 'go', exitCode: 2, durationMs: 1 })).toBe('failed');
    expect(runTone({ status: 'running', language: 'go', command: 'go run .', startedAt: 1 })).toBe('running');
  });
});

describe('the Run shortcut', () => {
  const key = (overrides: Partial<Parameters<typeof isRunShortcut>[0]>) => ({
    key: 'Enter',
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    shiftKey: false,
    ...overrides,
  });

  it('is Ctrl+Enter or Cmd+Enter, nothing else', () => {
    expect(isRunShortcut(key({ ctrlKey: true }))).toBe(true);
    expect(isRunShortcut(key({ metaKey: true }))).toBe(true);
    expect(isRunShortcut(key({}))).toBe(false);
    expect(isRunShortcut(key({ ctrlKey: true, shiftKey: true }))).toBe(false);
    expect(isRunShortcut(key({ ctrlKey: true, altKey: true }))).toBe(false);
    expect(isRunShortcut(key({ ctrlKey: true, key: 'e' }))).toBe(false);
  });
});

describe('presetAvailability', () => {
  const presets: RunPresetInfo[] = [
    { language: 'javascript', label: 'JavaScript', fileName: 'main.js', available: true },
    { language: 'go', label: 'Go', fileName: 'main.go', available: false, missing: 'go not found' },
  ];

  it('marks installed toolchains as runnable', () => {
    expect(presetAvailability(presets, 'javascript')).toEqual({ available: true, title: 'Runs main.js on the host', badge: undefined, problem: undefined });
  });

  it('says why a language cannot run, for the picker’s badge and tooltip', () => {
    expect(presetAvailability(presets, 'go')).toEqual({
      available: false,
      title: 'Cannot run on the host: go not found',
      badge: 'not installed',
      problem: 'Go is not installed on the host (go not found).',
    });
    expect(presetAvailability(presets, 'ruby')).toMatchObject({ available: false, problem: 'Duet cannot run Ruby.' });
  });

  it('claims nothing when the presets are unknown (a browser guest)', () => {
    expect(presetAvailability(undefined, 'go')).toMatchObject({ available: true, badge: undefined });
  });
});
