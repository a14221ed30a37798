import { describe, expect, it } from 'vitest';
import { Emitter } from '../../../src/shared/lifecycle';

type Events = { chunk: (text: string) => void; exit: (code: number) => void };

describe('Emitter', () => {
  it('calls the listeners of one event, in order, until they unsubscribe', () => {
    const events = new Emitter<Events>();
    const seen: string[] = [];
    const off = events.on('chunk', (text) => seen.push(`a:${text}`));
    events.on('chunk', (text) => seen.push(`b:${text}`));
    events.on('exit', (code) => seen.push(`exit:${code}`));
    events.emit('chunk', 'x');
    off();
    events.emit('chunk', 'y');
    expect(seen).toEqual(['a:x', 'b:x', 'b:y']);
    expect(events.listenerCount('chunk')).toBe(1);
    expect(events.listenerCount()).toBe(2);
  });

  it('a throwing listener does not stop the others; its error goes to onListenerError', () => {
    const errors: unknown[] = [];
    const events = new Emitter<Events>({ onListenerError: (error) => errors.push(error) });
    const seen: string[] = [];
    events.on('chunk', () => {
      throw new Error('bug in a listener');
    });
    events.on('chunk', (text) => seen.push(text));
    events.emit('chunk', 'still delivered');
    expect(seen).toEqual(['still delivered']);
    expect(errors).toEqual([new Error('bug in a listener')]);
  });

  it('a listener added while emitting waits for the next emit', () => {
    const events = new Emitter<Events>();
    const seen: string[] = [];
    events.on('chunk', () => {
      events.on('chunk', (text) => seen.push(`late:${text}`));
    });
    events.emit('chunk', '1');
    expect(seen).toEqual([]);
    events.emit('chunk', '2');
    expect(seen).toEqual(['late:2']);
  });

  it('clear() removes every listener', () => {
    const events = new Emitter<Events>();
    let calls = 0;
    events.on('exit', () => calls++);
    events.clear();
    events.emit('exit', 0);
    expect(calls).toBe(0);
    expect(events.listenerCount()).toBe(0);
  });
});
