/**
 * Notes, questions and the bibliography travel through remark-rehype and the rehype
 * plugins inside the one tree, so that they are converted, sanitized, given smart
 * punctuation and link checks exactly like the text. Each rides in a `<section
 * data-pamphlet-store="…">` at the end of the tree, which rehype-part-document.ts
 * takes out again. A manuscript cannot forge one: raw HTML blocks and `data-*`
 * attributes are refused (remark-raw-html.ts).
 */
export const STORE = {
  notes: 'notes',
  questions: 'questions',
  bibliography: 'bibliography',
} as const;

export type StoreName = (typeof STORE)[keyof typeof STORE];
