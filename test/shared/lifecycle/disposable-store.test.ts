import { describe, expect, it } from 'vitest';
import { DisposableStore, toDisposable } from '../../../src/shared/lifecycle';

describe('DisposableStore', () => {
  it('releases functions and disposables once, newest first', () => {
    const released: string[] = [];
    const store = new DisposableStore();
    store.add(() => released.push('listener'));
    store.add({ dispose: () => released.push('child') });
    store.add(toDisposable(() => released.push('timer')));
    store.dispose();
    store.dispose();
    expect(released).toEqual(['timer', 'child', 'listener']);
    expect(store.isDisposed).toBe(true);
  });

  it('releases at once what is added after it was disposed (a late async step leaks nothing)', () => {
    const store = new DisposableStore();
    store.dispose();
    let released = false;
    store.add(() => (released = true));
    expect(released).toBe(true);
  });

  it('releases one item early, and not again with the rest', () => {
    const released: string[] = [];
    const store = new DisposableStore();
    const timer = store.add(() => released.push('timer'));
    store.add(() => released.push('listener'));
    store.release(timer);
    store.dispose();
    expect(released).toEqual(['timer', 'listener']);
  });

  it('releases everything even when one item throws, then reports it', () => {
    const released: string[] = [];
    const store = new DisposableStore();
    store.add(() => released.push('first'));
    store.add(() => {
      throw new Error('broken listener');
    });
    store.add(() => released.push('last'));
    expect(() => store.dispose()).toThrow('broken listener');
    expect(released).toEqual(['last', 'first']);
  });

  it('toDisposable runs its function once however often it is disposed', () => {
    let calls = 0;
    const disposable = toDisposable(() => calls++);
    disposable.dispose();
    disposable.dispose();
    expect(calls).toBe(1);
  });
});
