// data-urls ships no type declarations; this is the part of its API pamphlet uses
// (src/files/embedded-image.ts).
declare module 'data-urls' {
  /** A `data:` URL's media type and bytes, or null where the string is none. */
  function parseDataURL(url: string): { mimeType: { essence: string; toString(): string }; body: Uint8Array } | null;
  export = parseDataURL;
}
