import { describe, expect, it } from 'vitest';
import { MEMBER_COLORS, assignColors, memberColor, setMemberRoster, withAlpha } from '../../../src/renderer/collab/member-colors';

describe('member colours', () => {
  it('never gives two people the same colour while the palette lasts', () => {
    // 8 and 16 both point at slot 0.
    const colors = assignColors([8, 16, 24, 3]);
    expect(new Set(colors.values()).size).toBe(4);
    expect(colors.get(8)).toBe(MEMBER_COLORS[0]);
    expect(colors.get(16)).toBe(MEMBER_COLORS[1]);
  });

  it('reuses colours only once everyone has one', () => {
    const ids = Array.from({ length: 10 }, (_, i) => i + 1);
    const colors = assignColors(ids);
    expect(new Set([...colors.values()].slice(0, 8)).size).toBe(8);
    expect(colors.size).toBe(10);
  });

  it('is the same for everyone who sees the same roster', () => {
    setMemberRoster([1895924002, 1895924010]);
    const a = [memberColor(1895924002), memberColor(1895924010)];
    setMemberRoster([1895924002, 1895924010]);
    expect([memberColor(1895924002), memberColor(1895924010)]).toEqual(a);
    expect(a[0]).not.toBe(a[1]);
  });

  it('makes translucent variants for selections', () => {
    expect(withAlpha('#2f81f7', 0.25)).toBe('rgba(47, 129, 247, 0.25)');
  });
});
