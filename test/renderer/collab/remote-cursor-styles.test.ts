import { describe, expect, it } from 'vitest';
import { cssString, remoteCursorCss } from '../../../src/renderer/collab/remote-cursor-styles';

describe('remote cursor styles', () => {
  it('labels the caret with the name in the person\'s colour', () => {
    const css = remoteCursorCss({ clientId: 42, name: 'Grace', color: '#2f81f7' });
    expect(css).toContain('.yRemoteSelection-42 { background-color: rgba(47, 129, 247, 0.28); }');
    expect(css).toContain('.yRemoteSelectionHead-42::after { content: "Grace"; background-color: #2f81f7; }');
  });

  it('cannot be broken out of by a hostile name or colour', () => {
    expect(cssString('a"; } body { display: none } "')).toBe('"a\\22 ; } body { display: none } \\22 "');
    expect(cssString('back\\slash\nnewline')).toBe('"back\\5c slash\\a newline"');
    const css = remoteCursorCss({ clientId: 1, name: 'x', color: 'red; } * { color: red' });
    expect(css).not.toContain('* {');
  });
});
