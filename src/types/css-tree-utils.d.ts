// css-tree's `utils` entry (its package exports it; @types/css-tree declares only the main
// one): the url() and string encoders its generator uses, without the lexer and its syntax data.
declare module 'css-tree/utils' {
  export const url: {
    encode(value: string): string;
    decode(text: string): string;
  };
  export const string: {
    /** A quoted CSS string; single quotes when `apostrophe` is true. */
    encode(value: string, apostrophe?: boolean): string;
    decode(text: string): string;
  };
}
