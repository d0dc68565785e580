/**
 * CSS text that pamphlet writes from words it did not choose (a font's family name, read
 * from the font file; the furniture's words), and CSS put into an HTML `<style>` element.
 */
import { string } from 'css-tree/utils';

/**
 * `text` as a CSS string literal, escaped as css-tree's generator escapes one: quotes,
 * backslashes, and newlines and other control characters (a newline ends a CSS string, so a
 * family name "Evil⏎} @font-face { src: url(http://…) }" in a font's name table wrote a rule
 * of its own into the EPUB's stylesheet when only quotes were escaped).
 */
export function cssString(text: string, quote: "'" | '"' = "'"): string {
  return string.encode(text, quote === "'");
}

/**
 * A stylesheet as the text of an HTML `<style>` element. The HTML parser ends the element at
 * the first `</style`, wherever it stands in the CSS (a string, a comment), and reads what
 * follows as markup: `content: "</style><meta http-equiv=refresh …>"` in styles/epub.css
 * made the web page navigate, and the same in styles/print.css put links to `javascript:`
 * and `file:` URLs into the PDF. `</` is never CSS outside a string or a comment, and in
 * either `<\/` reads the same (`\/` is an escaped `/`), so every `</` is written so.
 */
export function styleElementText(css: string): string {
  return css.replaceAll('</', '<\\/');
}
