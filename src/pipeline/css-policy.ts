/**
 * What a `style` attribute in a manuscript may say, read with a real CSS parser
 * (css-tree), never with patterns over the text: typographic properties only, and
 * no function that loads anything (`url()`, `image-set()`, `image()`, …), wherever
 * it hides (escapes, comments and case are the parser's business).
 */
import type { CssNode } from 'css-tree';
import { cssTree } from '../style/css-tree.js';

/** Properties that change how a phrase looks, not where things go or what loads. */
const ALLOWED_PROPERTIES = new Set([
  'color', 'background-color', 'font-style', 'font-weight', 'font-variant', 'font-variant-caps',
  'font-variant-numeric', 'font-variant-ligatures', 'font-feature-settings', 'font-kerning',
  'text-decoration', 'text-decoration-line', 'text-decoration-style', 'text-decoration-color',
  'text-transform', 'letter-spacing', 'word-spacing', 'vertical-align', 'white-space', 'font-size',
]);
/** CSS functions that fetch a resource or reach outside the phrase. */
export const LOADING_FUNCTIONS = new Set(['url', 'image-set', '-webkit-image-set', 'image', 'cross-fade', '-webkit-cross-fade', 'element', 'paint', 'src', 'expression']);

/**
 * What loads in text css-tree keeps unparsed (a `Raw` node): a custom property's value
 * (`--bg: url(…)`) and a `var()`'s fallback (`var(--x, url(…))`) are read only where they are
 * used, so the parser leaves them as text, and a `url()` there went unchecked (2026-12-04).
 * Read here as a value, as the browser reads it where it lands; the first `url()` or loading
 * function found, or none.
 */
export function rawLoads(raw: string): string | undefined {
  const { ident, parse, walk } = cssTree();
  let found: string | undefined;
  let ast: CssNode;
  try {
    ast = parse(raw, { context: 'value' });
  } catch {
    return undefined;
  }
  walk(ast, (node) => {
    if (found) return;
    if (node.type === 'Url') found = `url(${node.value})`;
    else if (node.type === 'Function' && LOADING_FUNCTIONS.has(ident.decode(node.name).toLowerCase())) found = `${node.name}()`;
    else if (node.type === 'Raw') found = rawLoads(node.value);
  });
  return found;
}

/** Every reason to refuse `style`, or none. */
export function checkInlineStyle(style: string): string[] {
  const { ident, parse, walk } = cssTree();
  const problems: string[] = [];
  let ast: CssNode;
  try {
    ast = parse(style, {
      context: 'declarationList',
      onParseError: (problem) => problems.push(`CSS syntax error: ${problem.message}`),
    });
  } catch (cause) {
    return [`CSS syntax error: ${cause instanceof Error ? cause.message : String(cause)}`];
  }
  walk(ast, (node) => {
    if (node.type === 'Declaration') {
      const property = node.property.toLowerCase();
      if (!ALLOWED_PROPERTIES.has(property)) problems.push(`the property \`${property}\` (allowed: ${[...ALLOWED_PROPERTIES].join(', ')})`);
    } else if (node.type === 'Url') {
      problems.push(`\`url(${node.value})\`: a manuscript's style loads nothing`);
    } else if (node.type === 'Function' && LOADING_FUNCTIONS.has(ident.decode(node.name).toLowerCase())) {
      // Decoded as the browser decodes it: `u\\rl(…)` is `url(…)` to Chromium.
      problems.push(`\`${node.name}()\`: a manuscript's style loads nothing`);
    } else if (node.type === 'Atrule') {
      problems.push(`\`@${node.name}\``);
    } else if (node.type === 'Raw') {
      const loads = rawLoads(node.value);
      if (loads) problems.push(`\`${loads}\` in a var() fallback: a manuscript's style loads nothing`);
    }
  });
  return problems;
}
