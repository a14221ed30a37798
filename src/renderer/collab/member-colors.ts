/**
 * Participant colours. Fixed and picked by member id, so everyone sees the same person
 * in the same colour without agreeing on anything. Each colour reads on both the light
 * and the dark editor background.
 */
export const MEMBER_COLORS = [
  '#e5534b', // red
  '#2f81f7', // blue
  '#3fb950', // green
  '#d29922', // amber
  '#a371f7', // purple
  '#f778ba', // pink
  '#39c5cf', // teal
  '#db6d28', // orange
] as const;

let assigned = new Map<number, string>();

/** The colour of a member: their roster colour, else one picked from the id alone. */
export function memberColor(memberId: number): string {
  return assigned.get(memberId) ?? MEMBER_COLORS[preferredSlot(memberId)]!;
}

/**
 * Tells the palette who is in the session, in join order (the order every member gets
 * from the relay). Each member takes the colour their id points at, or the next free one,
 * so two people never share a colour while the palette lasts.
 */
export function setMemberRoster(memberIds: Iterable<number>): void {
  assigned = assignColors([...memberIds]);
}

/** Colours for members in join order; pure, for tests. */
export function assignColors(memberIds: readonly number[]): Map<number, string> {
  const colors = new Map<number, string>();
  const taken = new Set<number>();
  for (const id of memberIds) {
    let slot = preferredSlot(id);
    for (let tries = 0; tries < MEMBER_COLORS.length && taken.has(slot); tries++) slot = (slot + 1) % MEMBER_COLORS.length;
    taken.add(slot);
    if (taken.size === MEMBER_COLORS.length) taken.clear(); // more people than colours: start reusing
    colors.set(id, MEMBER_COLORS[slot]!);
  }
  return colors;
}

function preferredSlot(memberId: number): number {
  const n = MEMBER_COLORS.length;
  return ((Math.trunc(memberId) % n) + n) % n;
}

/** `#rrggbb` as `rgba(r, g, b, alpha)`, for translucent selections. */
export function withAlpha(hex: string, alpha: number): string {
  const value = Number.parseInt(hex.slice(1), 16);
  return `rgba(${(value >> 16) & 255}, ${(value >> 8) & 255}, ${value & 255}, ${alpha})`;
}
