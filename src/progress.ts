/**
 * The build's progress as people read it, from the events build() tells
 * (api.ts BuildEvent): on a terminal, one line per output that updates as pages are
 * laid out (`Part I · pdf · 12 pages`) and stays once the output is done; elsewhere
 * (a log, a pipe), one plain line per finished output; nothing with --quiet. Colour
 * only on a terminal, and never when NO_COLOR is set (no-color.org).
 */
import type { BuildEvent } from './api.js';

export interface Progress {
  event(event: BuildEvent): void;
  /** A line of its own (watch mode's "changed: part-2.md"). */
  line(text: string): void;
  /** Ends the updating lines (before diagnostics or the summary are printed). */
  finish(): void;
}

type Stream = NodeJS.WritableStream & { isTTY?: boolean; columns?: number; rows?: number };

export async function createProgress(stream: Stream, env: NodeJS.ProcessEnv, quiet: boolean): Promise<Progress> {
  if (quiet) return { event: () => undefined, line: () => undefined, finish: () => undefined };
  const terminal = stream.isTTY === true && env.TERM !== 'dumb';
  const colour = terminal && !env.NO_COLOR;
  const paint = (code: number, text: string) => (colour ? `\u001b[${code}m${text}\u001b[0m` : text);
  const describe = (event: BuildEvent): string => {
    const head = `${event.part} · ${event.format}`;
    switch (event.kind) {
      case 'cached': return paint(2, `${head} · from the cache`);
      case 'start': return `${head} · ${event.format === 'epub' || event.format === 'html' ? 'writing' : 'laying out'}…`;
      case 'pages': return `${head} · ${pages(event.pages)}`;
      case 'rendered': return `${head}${event.pages ? ` · ${pages(event.pages)}` : ''} · ${paint(32, 'rendered')} in ${(event.ms / 1000).toFixed(2)} s`;
    }
  };

  if (!terminal) {
    return {
      event: (event) => {
        if (event.kind === 'cached' || event.kind === 'rendered') stream.write(`${describe(event)}\n`);
      },
      line: (text) => stream.write(`${text}\n`),
      finish: () => undefined,
    };
  }

  // The outputs still being made, each on its line at the bottom; a finished one is printed above them for good.
  // A terminal that does not say its width (a pseudo-terminal under `script`, some CI runners) is taken as 80 columns.
  const sized = {
    write: (text: string) => stream.write(text),
    get columns() { return stream.columns || 80; },
    get rows() { return stream.rows || 24; },
  };
  // Loaded only for a terminal: its string-width makes an Intl.Segmenter as it loads, 15-20 ms
  // of ICU set-up that every command paid, --help and a build into a log included.
  const { createLogUpdate } = await import('log-update');
  const update = createLogUpdate(sized as unknown as NodeJS.WriteStream, { showCursor: true });
  const active = new Map<string, string>();
  const redraw = () => (active.size ? update([...active.values()].join('\n')) : update.clear());
  const above = (text: string) => {
    update.clear();
    stream.write(`${text}\n`);
    redraw();
  };
  return {
    event: (event) => {
      if (event.kind === 'start' || event.kind === 'pages') {
        active.set(event.name, describe(event));
        redraw();
      } else {
        active.delete(event.name);
        above(describe(event));
      }
    },
    line: above,
    finish: () => {
      active.clear();
      update.clear();
      update.done();
    },
  };
}

function pages(count: number): string {
  return `${count} page${count === 1 ? '' : 's'}`;
}
