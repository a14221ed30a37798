import { describe, expect, it } from 'vitest';
import { labelPlacement } from '../../../src/renderer/collab/remote-cursor-label-placement';

const situation = { top: 200, left: 300, right: 1000, labelWidth: 80, labelHeight: 14 };

describe('labelPlacement (a remote cursor label never covers the line it marks, nor leaves the editor)', () => {
  it('stays above the caret, where it covers only the line above', () => {
    expect(labelPlacement(situation)).toEqual({ below: false, shiftLeft: 0 });
  });

  it('flips below the caret on the top line of the view, where above would be outside the editor', () => {
    expect(labelPlacement({ ...situation, top: 0 })).toEqual({ below: true, shiftLeft: 0 });
    expect(labelPlacement({ ...situation, top: 13 })).toMatchObject({ below: true });
    expect(labelPlacement({ ...situation, top: 14 })).toMatchObject({ below: false });
  });

  it('moves left near the scrollbar so the whole name stays inside the editor', () => {
    expect(labelPlacement({ ...situation, left: 960 })).toEqual({ below: false, shiftLeft: 40 });
    expect(labelPlacement({ ...situation, left: 920 })).toEqual({ below: false, shiftLeft: 0 });
  });

  it('never moves it past the editor’s left edge', () => {
    expect(labelPlacement({ ...situation, left: 30, right: 60 })).toEqual({ below: false, shiftLeft: 30 });
  });
});
