/**
 * Text codecs for the pure domain layer. `TextDecoder`/`TextEncoder` exist in every runtime we target
 * (Node 20 with full ICU, Chromium, Electron), but the shared/ type-check runs without DOM or Node typings,
 * so they are reached through this one typed door.
 */
interface DecoderLike {
  decode(input?: Uint8Array, options?: { stream?: boolean }): string;
}
interface CodecGlobals {
  TextDecoder: new (label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean }) => DecoderLike;
  TextEncoder: new () => { encode(input: string): Uint8Array };
}
const codecs = globalThis as unknown as CodecGlobals;

/** Decode bytes with a WHATWG encoding label ("utf-8", "gb18030", "utf-16le"…). Throws on invalid input when fatal. */
export function decodeBytes(bytes: Uint8Array, label = 'utf-8', fatal = false): string {
  return new codecs.TextDecoder(label, { fatal }).decode(bytes);
}

/** A streaming decoder: feed chunks, never splits a multi-byte character across chunk boundaries. */
export function createStreamDecoder(label = 'utf-8', fatal = true): (chunk: Uint8Array | null) => string {
  const decoder = new codecs.TextDecoder(label, { fatal });
  return (chunk) => (chunk === null ? decoder.decode() : decoder.decode(chunk, { stream: true }));
}

export function encodeUtf8(text: string): Uint8Array {
  return new codecs.TextEncoder().encode(text);
}
