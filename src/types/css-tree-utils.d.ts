// css-tree's `utils` entry (its package exports it; @types/css-tree declares only the main
// one): the url() encoder its generator uses, without the lexer and its syntax data.
declare module 'css-tree/utils' {
  export const url: {
    encode(value: string): string;
    decode(text: string): string;
  };
}
