/**
 * "Who is typing in the terminal": the host announces a TYPING(member) for every burst of
 * keystrokes it accepts (its own and permitted guests'); everyone shows the names for a
 * short while after the last announcement.
 */

/** Lets through at most one TYPING announcement per member per interval. */
export class TypingThrottle {
  private readonly last = new Map<number, number>();

  constructor(
    private readonly intervalMs = 300,
    private readonly now: () => number = Date.now,
  ) {}

  /** True when a keystroke of this member should be announced now. */
  take(memberId: number): boolean {
    const at = this.now();
    const previous = this.last.get(memberId);
    if (previous !== undefined && at - previous < this.intervalMs) return false;
    this.last.set(memberId, at);
    return true;
  }

  /** Forgets a member (they left). */
  forget(memberId: number): void {
    this.last.delete(memberId);
  }
}

/** Members seen typing recently, each forgotten `fadeMs` after their last announcement. */
export class TypingActivity {
  private readonly until = new Map<number, number>();

  constructor(private readonly fadeMs = 1_500) {}

  /** Records an announcement for `memberId` at time `at`. */
  note(memberId: number, at: number): void {
    // Re-insert so the map keeps the most recent typist last.
    this.until.delete(memberId);
    this.until.set(memberId, at + this.fadeMs);
  }

  /** Forgets a member at once (they left or lost permission). */
  forget(memberId: number): void {
    this.until.delete(memberId);
  }

  /** Ids of members typing at time `at`, earliest announcement first; drops the faded ones. */
  typing(at: number): number[] {
    const ids: number[] = [];
    for (const [id, until] of this.until) {
      if (until <= at) this.until.delete(id);
      else ids.push(id);
    }
    return ids;
  }

  /** When the next name fades, or undefined when nobody is typing. */
  nextFade(at: number): number | undefined {
    let next: number | undefined;
    for (const until of this.until.values()) if (until > at && (next === undefined || until < next)) next = until;
    return next;
  }
}

/** "Ada is typing…", "Ada and Bo are typing…", "Ada, Bo and Cy are typing…"; empty for nobody. */
export function describeTyping(names: readonly string[]): string {
  if (names.length === 0) return '';
  if (names.length === 1) return names[0] === 'You' ? 'You are typing…' : `${names[0]} is typing…`;
  const list = `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  return `${list} are typing…`;
}
