/**
 * UTF-8 encode/decode for shared code, which is compiled without DOM or Node types;
 * browsers and Node both provide TextEncoder/TextDecoder as globals.
 */
interface Utf8Globals {
  TextEncoder: new () => { encode(text: string): Uint8Array };
  TextDecoder: new () => { decode(bytes: Uint8Array): string };
}
const globals = globalThis as unknown as Utf8Globals;
const encoder = new globals.TextEncoder();
const decoder = new globals.TextDecoder();

/** Text → UTF-8 bytes. */
export function utf8Encode(text: string): Uint8Array {
  return encoder.encode(text);
}

/** UTF-8 bytes → text (malformed sequences become U+FFFD). */
export function utf8Decode(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}
