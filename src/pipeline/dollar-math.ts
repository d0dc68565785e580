/**
 * TeX math between dollar signs, as authors write it in Pandoc, GitHub, Obsidian, MyST and
 * Jupyter: `$x^2$` in a line, `$$ … $$` in a line or on lines of their own.
 *
 * The double-dollar forms are micromark-extension-math's (with `singleDollarTextMath: false`).
 * The single dollar is read here, by Pandoc's rule (its manual, `tex_math_dollars`): the
 * opening `$` has a non-space character right after it, the closing `$` a non-space character
 * right before it and no digit right after. micromark-extension-math reads a single `$` as it
 * reads a code span's backtick, so "$5 and $10" became the formula "5 and " (its maintainers
 * keep that on purpose: micromark/micromark-extension-math#6); in a pamphlet, a dollar sign is
 * money far more often than mathematics, and no library reads it Pandoc's way. The tokens are
 * those of micromark-extension-math, so mdast-util-math makes the same `inlineMath` node.
 */
import type { Code, Construct, Effects, Extension, State, TokenizeContext } from 'micromark-util-types';
import { math } from 'micromark-extension-math';
import type { Root } from 'mdast';
import type { Math as MathNode } from 'mdast-util-math';
import { visit } from 'unist-util-visit';

const DOLLAR = 36;
const BACKSLASH = 92;
const LESS_THAN = 60;
const SLASH = 47;

function isDigit(code: Code): boolean {
  return code !== null && code >= 48 && code <= 57;
}

/** A line ending (micromark's -5, -4, -3), a tab (-2) or virtual space (-1), a space or the end. */
function isSpaceOrEnd(code: Code): boolean {
  return code === null || code < 0 || code === 32;
}

/** The closing `$`, kept only when no digit follows it (Pandoc: "$20 to $30" is money). */
const closing: Construct = {
  partial: true,
  tokenize(effects: Effects, ok: State, nok: State): State {
    return (code) => {
      effects.enter('mathTextSequence');
      effects.consume(code);
      effects.exit('mathTextSequence');
      return (after) => (isDigit(after) || after === DOLLAR ? nok(after) : ok(after));
    };
  },
};

const singleDollar: Construct = {
  name: 'mathText',
  // As micromark-extension-math's: a `$` may not follow another, unless that one was escaped.
  previous(this: TokenizeContext, code: Code): boolean {
    return code !== DOLLAR || this.events[this.events.length - 1]?.[1].type === 'characterEscape';
  },
  tokenize(effects: Effects, ok: State, nok: State): State {
    /** Whether the last character read was a space or a line ending: no `$` closes after one. */
    let afterSpace = false;
    const data = (code: Code): State | undefined => {
      if (code === null) return nok(code);
      if (code === DOLLAR && !afterSpace) {
        effects.exit('mathTextData');
        return effects.attempt(closing, done, goOn)(code);
      }
      if (code < 0 && code !== -2 && code !== -1) {
        // A line ending, in its own token as micromark wants it; the formula goes on.
        effects.exit('mathTextData');
        effects.enter('lineEnding');
        effects.consume(code);
        effects.exit('lineEnding');
        afterSpace = true;
        // The next line's data token begins with its first character: micromark has no place for it before.
        return (next: Code) => {
          effects.enter('mathTextData');
          return data(next);
        };
      }
      afterSpace = isSpaceOrEnd(code);
      effects.consume(code);
      // `\$` is a dollar in the formula, not its end.
      return code === BACKSLASH ? escaped : data;
    };
    const escaped = (code: Code): State | undefined => {
      if (code === DOLLAR || code === BACKSLASH) {
        afterSpace = false;
        effects.consume(code);
        return data;
      }
      return data(code);
    };
    const done = (code: Code): State | undefined => {
      effects.exit('mathText');
      return ok(code);
    };
    const goOn = (code: Code): State | undefined => {
      effects.enter('mathTextData');
      afterSpace = false;
      effects.consume(code);
      return data;
    };
    return (code) => {
      effects.enter('mathText');
      effects.enter('mathTextSequence');
      effects.consume(code);
      effects.exit('mathTextSequence');
      return (next: Code) => {
        if (isSpaceOrEnd(next) || next === DOLLAR) return nok(next);
        effects.enter('mathTextData');
        if (next !== LESS_THAN) return data(next);
        // `<span>$</span>`: GitHub's documented way to write a dollar sign beside a formula; a
        // `$` right before an end tag opens nothing.
        effects.consume(next);
        return (after: Code) => (after === SLASH ? nok(after) : data(after));
      };
    };
  },
};

/**
 * Whether the line ahead is a fence alone, `$$` and nothing after it: only that opens a block.
 * `$$\begin{equation*}` … `\end{equation*}$$` (the Jupyter notebook's own help on equations)
 * is one formula set apart, as Pandoc reads it; micromark-extension-math took the words after
 * the opening fence for its meta, and the formula ran on to the next fence or the end of the part.
 */
const fenceAlone: Construct = {
  partial: true,
  tokenize(effects: Effects, ok: State, nok: State): State {
    let dollars = 0;
    const before = (code: Code): State | undefined => {
      if (code === 32 || code === -2 || code === -1) {
        effects.consume(code);
        return before;
      }
      return sequence(code);
    };
    const sequence = (code: Code): State | undefined => {
      if (code === DOLLAR) {
        dollars++;
        effects.consume(code);
        return sequence;
      }
      return dollars >= 2 ? after(code) : nok(code);
    };
    const after = (code: Code): State | undefined => {
      if (code === null || code < -2) {
        effects.exit('mathFlowFence');
        return ok(code);
      }
      if (code === 32 || code === -2 || code === -1) {
        effects.consume(code);
        return after;
      }
      return nok(code);
    };
    return (code) => {
      // A check: what it reads is given back, whichever way it ends.
      effects.enter('mathFlowFence');
      return before(code);
    };
  },
};

/** The syntax: `$$` blocks and `$$…$$` from micromark-extension-math, `$…$` from here. */
export function dollarMath(): Extension {
  const doubles = math({ singleDollarTextMath: false });
  const flow = [doubles.flow?.[DOLLAR] ?? []].flat() as Construct[];
  const blocks = flow.map((construct): Construct => ({
    ...construct,
    tokenize(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
      const fenced = construct.tokenize.call(this, effects, ok, nok);
      return (code) => effects.check(fenceAlone, fenced, nok)(code);
    },
  }));
  return { flow: { [DOLLAR]: blocks }, text: { [DOLLAR]: [...[doubles.text?.[DOLLAR] ?? []].flat(), singleDollar] } } as Extension;
}

/**
 * A closing fence with a label, on a line of its own: MyST's `$$ (eq-1)`, or Quarto's and
 * Pandoc's `$$ {#eq-black-scholes}` (the form Quarto's guide numbers an equation by).
 */
const FENCE_LABEL = String.raw`(?:\(([^()\s]+)\)|\{#([^{}\s#]+)\})`;
const LABELLED_CLOSE = new RegExp(String.raw`^([ \t]*\$\$)[ \t]*${FENCE_LABEL}[ \t]*$`, 'gm');
/** A closing fence's line, bare or labelled, after a quotation's `>` if any (remark-math.ts's check for a closed formula). */
export const CLOSING_FENCE = new RegExp(String.raw`^[ \t>]*\$\$+[ \t]*(?:${FENCE_LABEL}[ \t]*)?$`, 'u');
export const MAY_HOLD_LABELLED_MATH = /^[ \t]*\$\$[ \t]*(?:\(|\{#)/m;

/**
 * A labelled display formula, `$$` … `$$ (label)` or `$$ {#label}`: micromark-extension-math takes no
 * closing fence with words after it, so the formula ran on to the end of the part (from
 * 2026-12-07 an error, "no closing `$$`", where Quarto's guide printed its Black-Scholes
 * equation). Each such
 * line inside a formula of `tree` is given back as a bare `$$` (the label blanked, so every
 * place in the part stays where it was), with its label by line; undefined when none is.
 */
export function unlabelledMath(document: string, tree: Root): { text: string; labels: Map<number, string> } | undefined {
  const labels = new Map<number, string>();
  let text = document;
  visit(tree, 'math', (node: MathNode) => {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined) return;
    LABELLED_CLOSE.lastIndex = start;
    const found = LABELLED_CLOSE.exec(document);
    if (!found || found.index >= end) return;
    const [line, fence] = found as unknown as [string, string];
    const label = (found[2] ?? found[3])!;
    text = text.slice(0, found.index) + fence + ' '.repeat(line.length - fence.length) + text.slice(found.index + line.length);
    labels.set(document.slice(0, found.index).split('\n').length, label);
  });
  return labels.size > 0 ? { text, labels } : undefined;
}
