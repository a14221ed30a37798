/**
 * The name others see, from whatever a `hello` carried: safe to show in one line, short,
 * and never invisible.
 */

// Characters that break a line or the text around them when shown: C0/C1 controls (NUL, ESC,
// newlines), bidi embeddings/overrides/isolates and marks, line/paragraph separators, BOM.
// Zero-width joiners stay: emoji sequences like 👩‍💻 need them.
const BREAKING = /[\p{Cc}\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\u2028\u2029\uFEFF]/gu;
// A surrogate without its other half (JSON may carry one) is not a character at all.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// What shows nothing by itself: format characters (zero-width space, joiners, word joiner,
// invisible operators, tags), variation selectors, combining marks, and the "filler" letters
// that render blank (Hangul fillers, Braille blank). A name made only of these (and spaces)
// would be an invisible member.
const INVISIBLE = /\p{Cf}|\p{M}|\p{Zs}|[\u115F\u1160\u3164\uFFA0\u2800]/gu;
/**
 * Room for a name inside a resume token (JSON-escaped UTF-8 bytes): the token must stay
 * under the 1024 characters `hello` allows, whatever --max-name-length says.
 */
const NAME_TOKEN_BYTES = 512;
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * Breaking characters dropped (whitespace ones become spaces), runs of whitespace collapsed
 * and trimmed, cut to `maxLength` user-perceived characters (graphemes, so an emoji or an
 * accented letter is never split), or `fallback` when nothing visible is left.
 */
export function displayName(raw: string, maxLength: number, fallback: string): string {
  const clean = raw
    .replace(LONE_SURROGATE, '')
    .replace(BREAKING, (char) => (/\s/.test(char) ? ' ' : ''))
    .replace(/\s+/g, ' ')
    .trim();
  let kept = '';
  let count = 0;
  for (const { segment } of graphemes.segment(clean)) {
    if (count === maxLength || Buffer.byteLength(JSON.stringify(kept + segment)) - 2 > NAME_TOKEN_BYTES) break;
    kept += segment;
    count += 1;
  }
  // Cutting may end on a space.
  kept = kept.trimEnd();
  return kept.replace(INVISIBLE, '') === '' ? fallback : kept;
}
