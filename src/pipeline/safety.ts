/**
 * Keeps a manuscript from reaching outside its folder or running code: raw HTML is
 * inline markup only, and no resource may point to the network or out of the folder.
 * Runs on mdast, before anything is rendered, so nothing unsafe reaches a browser.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Definition, Html, Image, ImageReference, Link, Root } from 'mdast';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';
import { error } from '../diagnostics.js';
import { resolveInside } from '../config/load.js';
import { checkImageFile } from '../files/image.js';

const FORBIDDEN_TAGS = new Set(['script', 'iframe', 'object', 'embed', 'frame', 'frameset', 'applet', 'base', 'link', 'meta', 'style', 'form', 'input', 'button', 'textarea', 'select', 'svg', 'math', 'video', 'audio', 'source', 'track', 'img', 'picture', 'portal', 'template']);
const TAG = /<\/?([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>/g;
const ATTRIBUTE = /([^\s"'=<>`/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

export function checkSafety(tree: Root, file: VFile, manuscriptDir: string): void {
  visit(tree, 'html', (node: Html, _index, parent) => {
    const place = node.position;
    if (parent?.type === 'root' && !/^<!--[\s\S]*-->$/.test(node.value.trim())) {
      error(file, 'raw HTML blocks are not allowed: raw HTML is for inline markup only (use Markdown or a directive)', { place, ruleId: 'raw-html-block', source: 'pamphlet' });
      return;
    }
    for (const match of node.value.matchAll(TAG)) {
      const name = (match[1] ?? '').toLowerCase();
      if (FORBIDDEN_TAGS.has(name)) {
        error(file, `<${name}> is not allowed in a manuscript: the renderer never runs or loads embedded content`, { place, ruleId: 'raw-html-tag', source: 'pamphlet' });
        continue;
      }
      for (const attr of (match[2] ?? '').matchAll(ATTRIBUTE)) {
        const attrName = (attr[1] ?? '').toLowerCase();
        const value = attr[2] ?? attr[3] ?? attr[4] ?? '';
        if (attrName.startsWith('on')) {
          error(file, `event-handler attribute \`${attrName}\` is not allowed: the renderer never runs a manuscript's scripts`, { place, ruleId: 'raw-html-script', source: 'pamphlet' });
        } else if (['href', 'src', 'srcset', 'style', 'action', 'formaction', 'xlink:href', 'poster', 'background'].includes(attrName)) {
          checkUrl(value, attrName === 'href' ? 'link' : 'resource', file, place, manuscriptDir);
        }
      }
    }
  });
  visit(tree, 'image', (node: Image) => {
    if (!node.alt?.trim()) {
      file.message('image without alt text: describe it for readers who cannot see it', { place: node.position, ruleId: 'image-alt', source: 'pamphlet' });
    }
    // The file itself (real location, type, content) is judged where build reads it.
    const image = checkImageFile(manuscriptDir, node.url);
    if (!image.ok) error(file, image.reason, { place: node.position, ruleId: image.ruleId, source: 'pamphlet' });
  });
  // `![x][ref]` with `[ref]: images/a.png` is an image too; CommonMark matches labels case-insensitively, first definition wins.
  const definitions = new Map<string, Definition>();
  visit(tree, 'definition', (node: Definition) => {
    if (!definitions.has(node.identifier.toUpperCase())) definitions.set(node.identifier.toUpperCase(), node);
  });
  visit(tree, 'imageReference', (node: ImageReference) => {
    const definition = definitions.get(node.identifier.toUpperCase());
    const image = definition ? checkImageFile(manuscriptDir, definition.url) : undefined;
    if (image && !image.ok) error(file, image.reason, { place: node.position, ruleId: image.ruleId, source: 'pamphlet' });
  });
  visit(tree, 'link', (node: Link) => {
    checkUrl(node.url, 'link', file, node.position, manuscriptDir);
  });
}

/**
 * Links may go anywhere a reader can click (http, mailto, #anchors); resources the
 * renderer would load (images, styles) must be files inside the manuscript folder.
 */
function checkUrl(url: string, kind: 'link' | 'image' | 'resource', file: VFile, place: Html['position'], manuscriptDir: string): void {
  const value = url.trim();
  if (/^javascript:/i.test(value)) {
    error(file, `javascript: URLs are not allowed (${value.slice(0, 40)})`, { place, ruleId: 'unsafe-url', source: 'pamphlet' });
    return;
  }
  if (kind === 'link') {
    if (/^file:/i.test(value)) error(file, `file: links are not allowed: ${value}`, { place, ruleId: 'unsafe-url', source: 'pamphlet' });
    return;
  }
  if (kind === 'resource' && !/url\(|^[a-z][a-z0-9+.-]*:|^\/|\.\./i.test(value)) return;
  if (/^(https?:)?\/\//i.test(value) || /url\(\s*['"]?(https?:)?\/\//i.test(value)) {
    error(file, `${kind} from the network is not allowed (${value}): the renderer never fetches; put the file in the manuscript folder`, { place, ruleId: 'remote-resource', source: 'pamphlet' });
    return;
  }
  if (/^data:/i.test(value)) return;
  const local = value.replace(/^file:\/\//i, '').replace(/[?#].*$/, '');
  const resolved = resolveInside(manuscriptDir, decodeURIComponent(local));
  if (!resolved || /^\//.test(local) && !local.startsWith(manuscriptDir)) {
    error(file, `${kind} outside the manuscript folder is not allowed: ${value}`, { place, ruleId: 'outside-folder', source: 'pamphlet' });
    return;
  }
  if (kind === 'image' && !existsSync(resolved)) {
    error(file, `image file not found: ${path.relative(manuscriptDir, resolved)}`, { place, ruleId: 'missing-image', source: 'pamphlet' });
  }
}
