/**
 * Obsidian's links between notes and its embeds, as its vaults write them: `[[Note]]`,
 * `[[Note#Heading|the words shown]]`, `[[#Heading]]`, and `![[picture.png]]` (`|200` its width
 * on screen). CommonMark reads them as text, so every format printed the brackets, and a
 * picture so embedded was lost: the PDF showed "![[Engelbart.jpg]]" where the picture stood.
 *
 * - `![[picture.png]]` is the picture: the file at that path in the manuscript folder, else the
 *   one file of that name anywhere in it (Obsidian finds attachments by name, in `Attachments/`
 *   or wherever its settings put them); it is then checked as any image is (remark-safety.ts).
 *   A number after the bar is the width on screen, which a page sets by itself; other words are
 *   its alt text.
 * - `[[#Heading]]` links to the heading in this part; `[[Note]]` to a part of the book named so
 *   (`Note.md`), as a Markdown link to `Note.md` would (remark-safety.ts: plain text without
 *   `base-url`); to a note that is not in the book, it is its words, with a warning, where the
 *   folder is a vault (it holds `.obsidian/`) or the link has an alias or a heading; else it
 *   is printed as typed, as CommonMark reads `[[foo]]`.
 * - `![[Note]]`, a note's text shown inside another, is not carried into the book: its words
 *   are printed where it stood, with a warning.
 * - `[[#^id]]` links to the block of this part its `^id` marks (obsidian-block-ids.ts).
 * The words shown are Obsidian's: the alias, else the note's name (and " > Heading").
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { Image, Link, Parent, PhrasingContent, Root, Text } from 'mdast';
import type { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import { slug } from 'github-slugger';
import { SKIP, visit } from 'unist-util-visit';
import { RESERVED_ID, VALID_ID } from './ids.js';
import { blockAnchorId, blockIds } from './obsidian-block-ids.js';

export interface ObsidianLinksOptions {
  /** Absolute path of the manuscript folder. */
  dir: string;
  /** Part file name (`part-2.md`) → its output slug. */
  parts: ReadonlyMap<string, string>;
  /** The folder is an Obsidian vault (it holds `.obsidian/`). */
  vault: boolean;
}

const WIKILINK = /(!?)\[\[([^[\]\n]+?)\]\]/g;
/** An embed's width on screen, `|200` or `|200x100`. */
const SIZE = /^\d+(x\d+)?$/;
/** Picture types Obsidian embeds (those pamphlet cannot use are refused by remark-safety.ts). */
const PICTURE = /\.(png|jpe?g|gif|svg|webp|bmp|avif|tiff?)$/i;
/** How far the folder is searched for a picture named by its name alone. */
const MAX_FILES = 20_000;
const SKIPPED_FOLDERS = new Set(['.git', '.obsidian', 'node_modules', 'dist', '.trash']);

export default function remarkObsidianLinks(options: ObsidianLinksOptions) {
  // The folder is searched once a run, not once a part: a vault's 117 parts shared one walk.
  let folderPictures: Map<string, string[]> | undefined;
  const pictures = (): Map<string, string[]> => (folderPictures ??= picturesByName(options.dir));
  return (tree: Root, file: VFile): void => {
    // In a vault a Markdown picture is found by its name too, as Obsidian finds it (its
    // "shortest path" links): `![](party.png)` for `images/party.png`.
    if (options.vault) {
      visit(tree, 'image', (node: Image) => {
        if (/^[a-z][a-z0-9+.-]*:/i.test(node.url) || node.url.startsWith('/') || node.url.includes('..')) return;
        let written: string;
        try {
          written = decodeURIComponent(node.url.replace(/[?#].*$/, ''));
        } catch {
          return;
        }
        const found = pictureIn(written, pictures());
        if (found !== written) node.url = encodeURI(found);
      });
    }
    const blocks = options.vault ? blockIds(tree, String(file.value)) : new Set<string>();
    if (!String(file.value).includes('[[')) return;
    const ownName = path.basename(file.path);
    const source = String(file.value);
    // A vault's note links to dozens of notes the book does not hold: one warning a part for
    // each kind, at the first, with how many more.
    const told = new Map<string, { message: VFileMessage; more: number; what: string }>();
    const warn = (kind: string, what: string, reason: string, place: Image['position'], ruleId: string): void => {
      const seen = told.get(kind);
      if (seen) seen.more++;
      else told.set(kind, { message: file.message(reason, { place, ruleId, source: 'pamphlet' }), more: 0, what });
    };
    visit(tree, 'text', (node: Text, index, parent: Parent | undefined) => {
      if (!parent || index === undefined || !node.value.includes('[[') || parent.type === 'link') return;
      const pieces: PhrasingContent[] = [];
      let from = 0;
      for (const match of node.value.matchAll(WIKILINK)) {
        const at = match.index ?? 0;
        if (at > from) pieces.push({ type: 'text', value: node.value.slice(from, at) });
        from = at + match[0].length;
        const place = placeOf(node, source, at, match[0].length);
        const [target = '', ...rest] = (match[2] ?? '').split('|');
        const alias = rest.join('|').trim();
        const hash = target.indexOf('#');
        const note = (hash < 0 ? target : target.slice(0, hash)).trim();
        const heading = hash < 0 ? '' : target.slice(hash + 1).trim();
        if (match[1]) {
          if (PICTURE.test(note)) {
            const image: Image = { type: 'image', url: encodeURI(pictureIn(note, pictures())), alt: alias && !SIZE.test(alias) ? alias : '', ...(place ? { position: place } : {}) };
            pieces.push(image);
            continue;
          }
          const printed = options.vault || alias || heading;
          warn('embed', 'embeds of notes', `![[${match[2]}]] embeds a note, whose text is not carried into the book: ${printed ? 'its name is printed' : 'printed as typed'}; copy the text in, or link to it`, place, 'obsidian-embed');
          pieces.push({ type: 'text', value: printed ? shown(note, heading, alias) : match[0] });
          continue;
        }
        const words: Text = { type: 'text', value: shown(note, heading, alias) };
        // A block reference (`#^37066d`): to a block of this part marked so, its anchor
        // (obsidian-block-ids.ts); to another note's, no output knows where it is.
        if (heading.startsWith('^')) {
          const id = heading.slice(1);
          if ((!note || note === ownName || `${note}.md` === ownName) && blocks.has(id)) {
            pieces.push({ type: 'link', url: `#${blockAnchorId(id)}`, children: [words], ...(place ? { position: place } : {}) });
            continue;
          }
          warn('block', 'links to blocks', `[[${match[2]}]] links to a block ${note && note !== ownName && `${note}.md` !== ownName ? 'of another note' : 'that no `^id` in this part marks'}, which no output can find: printed as its words`, place, 'obsidian-link');
          pieces.push(words);
          continue;
        }
        const partFile = note ? [note, `${note}.md`].find((name) => name === ownName || options.parts.has(name)) : ownName;
        if (!partFile) {
          // Outside a vault, `[[foo]]` may be the text it is (CommonMark's reading; its spec
          // writes `[[[foo]]]`): printed as typed, unless the bar or `#` say it is Obsidian's.
          const printed = options.vault || alias || heading;
          warn('note', 'links to notes not in the book', `[[${match[2]}]] links to the note “${note}”, which is not a part of the book: printed ${printed ? 'as its words' : 'as typed (in an Obsidian vault, a folder with `.obsidian/`, as its words)'}`, place, 'obsidian-link');
          pieces.push(printed ? words : { type: 'text', value: match[0] });
          continue;
        }
        // In this part the heading's words find it (rehype-links.ts); in another, its id is made from them as that part makes it.
        const fragment = !heading ? '' : partFile === ownName ? encodeURIComponent(heading) : headingId(heading);
        const url = `${partFile === ownName ? '' : encodeURI(partFile)}${fragment ? `#${fragment}` : ''}`;
        if (!url) {
          pieces.push(words);
          continue;
        }
        const link: Link = { type: 'link', url, children: [words], ...(place ? { position: place } : {}) };
        pieces.push(link);
      }
      if (!pieces.length) return;
      if (from < node.value.length) pieces.push({ type: 'text', value: node.value.slice(from) });
      parent.children.splice(index, 1, ...(pieces as typeof parent.children));
      return [SKIP, index + pieces.length];
    });
    for (const { message, more, what } of told.values()) {
      if (more === 0) continue;
      message.reason += ` (and ${more} more ${what} in this part)`;
      message.message = message.reason;
    }
  };
}

/** The id a heading of these words gets (rehype-heading-ids.ts), where it is the first of them in its part. */
function headingId(words: string): string {
  const base = slug(words.trim());
  if (VALID_ID.test(base) && !RESERVED_ID.test(base)) return base;
  const prefixed = base ? `section-${base.replace(/^-+/, '')}` : 'section';
  return VALID_ID.test(prefixed) ? prefixed : 'section';
}

/** The words Obsidian shows for a link: its alias, else the note and heading. */
function shown(note: string, heading: string, alias: string): string {
  if (alias) return alias;
  if (!heading) return note;
  const place = heading.replace(/^\^/, '').replaceAll('#', ' > ');
  return note ? `${note} > ${place}` : place;
}

/** The place of a match inside a text node, where the node's value is its source as written (else the node's). */
function placeOf(node: Text, source: string, at: number, length: number): Image['position'] {
  const start = node.position?.start;
  const end = node.position?.end;
  if (!start || !end) return undefined;
  if (start.offset === undefined || end.offset === undefined || source.slice(start.offset, end.offset) !== node.value) return { start, end };
  const point = (index: number) => {
    const before = node.value.slice(0, index);
    const newline = before.lastIndexOf('\n');
    const line = start.line + (before.match(/\n/g)?.length ?? 0);
    return { line, column: newline < 0 ? start.column + index : index - newline, offset: (start.offset ?? 0) + index };
  };
  return { start: point(at), end: point(at + length) };
}

/** The path of the picture: as written where that is a file, else the one file of that name in the folder. */
function pictureIn(name: string, byName: ReadonlyMap<string, string[]>): string {
  const found = byName.get(path.posix.basename(name).toLowerCase());
  if (found?.includes(name)) return name;
  return found?.length === 1 ? found[0]! : name;
}

/**
 * Every picture of the folder by its name (lower case, as Obsidian matches), to paths relative
 * to it. Symbolic links are not followed; what is found is then checked as any image is.
 */
function picturesByName(dir: string): Map<string, string[]> {
  const byName = new Map<string, string[]>();
  let seen = 0;
  const walk = (folder: string): void => {
    let entries;
    try {
      entries = readdirSync(path.join(dir, folder), { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (++seen > MAX_FILES) return;
      const rel = folder ? `${folder}/${entry.name}` : entry.name;
      if (entry.isDirectory() && !SKIPPED_FOLDERS.has(entry.name)) walk(rel);
      else if (entry.isFile() && PICTURE.test(entry.name)) {
        const key = entry.name.toLowerCase();
        byName.set(key, [...(byName.get(key) ?? []), rel]);
      }
    }
  };
  walk('');
  return byName;
}
