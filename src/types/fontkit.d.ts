// fontkit ships no type declarations; this is the part of its API pamphlet uses
// (font-coverage.ts, fonts.ts, style/font-files.ts).
declare module 'fontkit' {
  export interface Font {
    hasGlyphForCodePoint(codePoint: number): boolean;
    /** "TTF", "WOFF", "WOFF2" (fontkit calls an OpenType CFF file "TTF" too: read the tables). */
    type: string;
    familyName: string;
    subfamilyName: string;
    postscriptName: string;
    directory: { tables: Record<string, unknown> };
  }
  /** A .ttc or .dfont holds several fonts. */
  export interface FontCollection {
    fonts: Font[];
  }
  export function create(buffer: Uint8Array): Font | FontCollection;
}
