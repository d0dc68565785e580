/**
 * Links and images under the one URL policy (url-policy.ts), at their place in the
 * part, before anything renders them:
 * - a link may go to the web (http, https), to an e-mail address, to a place in
 *   this part (checked once ids exist, rehype-links.ts), to another part of the
 *   series (its `base-url` address, else plain text), or to a file published beside
 *   the parts under `base-url` (`../other/page.html` too); a link to a file that is not in the
 *   book is an error without one, since no reader could follow it;
 * - an image must be a file inside the manuscript folder, or a picture written into the
 *   text as a `data:` URL, of a type every format can carry; the network is never reached.
 */
import type { Image, Link, Parent, PhrasingContent, Root } from 'mdast';
import type { VFile } from 'vfile';
import path from 'node:path';
import { SKIP, visit } from 'unist-util-visit';
import { error } from '../diagnostics.js';
import type { ImageCheck } from '../files/image.js';
import { isDataUrl } from '../files/embedded-image.js';
import { classifyUrl, uriOf } from './url-policy.js';
import { isBlankText } from './blank-text.js';
import { isPlaceholderAlt } from './placeholder-alt.js';

export interface SafetyOptions {
  /** Absolute path of the manuscript folder. */
  dir: string;
  /** Part file name (`part-2.md`) → its output slug, for links between parts. */
  parts: ReadonlyMap<string, string>;
  /** `base-url` from pamphlet.yaml: where the parts (and files beside them) are published. */
  baseUrl?: string;
  /** Whether the image named by this URL (as the tree holds it) can be used (src/files/image.ts). */
  checkImage: (url: string) => ImageCheck;
}

export default function remarkSafety(options: SafetyOptions) {
  return (tree: Root, file: VFile): void => {
    const ownName = path.basename(file.path);
    const emptied = new Set<Parent>();
    visit(tree, 'image', (node: Image, index, parent: Parent | undefined) => {
      const fromRoot = siteRootPicture(node.url, options.checkImage);
      if (fromRoot) node.url = fromRoot;
      const url = classifyUrl(node.url);
      // A README's badge: a picture on the network that is all its link holds
      // (`[![build](https://…/badge.svg)](https://ci.example/…)`). It says how a web service
      // stands today, which no printed page can; never fetched, its alt text is the link's words.
      if (url.kind === 'web' && parent?.type === 'link' && index !== undefined && parent.children.every((child) => child === node || isBlankText(child))) {
        file.message(`badge from the network (${node.url}) not fetched: its alt text${node.alt?.trim() ? ` “${node.alt.trim()}”` : ', none,'} is printed as the link's words; download the picture into the manuscript folder if the book should show it`, { place: node.position, ruleId: 'remote-badge', source: 'pamphlet' });
        const words = node.alt?.trim() ? [{ type: 'text' as const, value: node.alt.trim(), ...(node.position ? { position: node.position } : {}) }] : [];
        parent.children.splice(index, 1, ...words);
        // A badge without alt text leaves its link nothing to show: it goes too (below).
        if (!words.length) emptied.add(parent);
        return [SKIP, index];
      }
      // A video's page written as a picture, as Obsidian embeds one (`![](https://youtu.be/…)`):
      // no picture at all; its link, as an embedded page is (remark-html-blocks.ts).
      if (url.kind === 'web' && index !== undefined && parent && isVideoPage(url.href)) {
        file.message(`${node.url} is a video's page, embedded as a picture (Obsidian's way), which paper cannot show: printed as a link to it`, { place: node.position, ruleId: 'embedded-page', source: 'pamphlet' });
        const words = node.alt?.trim() || url.href;
        parent.children.splice(index, 1, { type: 'link', url: url.href, children: [{ type: 'text', value: words }], ...(node.position ? { position: node.position } : {}) });
        return [SKIP, index + 1];
      }
      if (!node.alt?.trim()) {
        file.message('image without alt text: describe it for readers who cannot see it', { place: node.position, ruleId: 'image-alt', source: 'pamphlet' });
      } else if (isPlaceholderAlt(node.alt, node.url)) {
        file.message(`image whose alt text “${node.alt.trim()}” is what an editor wrote in its place, not what it shows: describe it for readers who cannot see it`, { place: node.position, ruleId: 'image-alt', source: 'pamphlet' });
      }
      // A picture written into the text (Google Docs' Markdown): its bytes are the picture.
      if (isDataUrl(node.url)) {
        const image = options.checkImage(node.url);
        if (!image.ok) error(file, image.reason, { place: node.position, ruleId: image.ruleId, source: 'pamphlet' });
        return;
      }
      if (url.kind === 'refused') {
        const reason = url.outside ? `image outside the manuscript folder is not allowed: ${node.url}` : `image refused: ${url.reason}`;
        return void error(file, reason, { place: node.position, ruleId: url.outside ? 'outside-folder' : 'unsafe-url', source: 'pamphlet' });
      }
      if (url.kind === 'web') return void error(file, `image from the network is not allowed (${node.url}): the renderer never fetches; put the file in the manuscript folder`, { place: node.position, ruleId: 'remote-resource', source: 'pamphlet' });
      if (url.kind !== 'relative') return void error(file, `an image is a file inside the manuscript folder, not \`${node.url}\``, { place: node.position, ruleId: 'unsafe-url', source: 'pamphlet' });
      const image = options.checkImage(node.url);
      if (!image.ok) error(file, image.reason, { place: node.position, ruleId: image.ruleId, source: 'pamphlet' });
      else if (image.misnamed) {
        const { holds, named } = image.misnamed;
        file.message(`image ${image.relPath} holds a ${holds} image, not ${named}: used as the ${holds} it is; give the file the extension of what it is`, { place: node.position, ruleId: 'image-extension', source: 'pamphlet' });
      }
    });

    visit(tree, 'link', (node: Link, index, parent: Parent | undefined) => {
      if (emptied.has(node) && parent && index !== undefined) {
        parent.children.splice(index, 1);
        return [SKIP, index];
      }
      // `[text]()`: an address the author has yet to write. Nothing for a reader to follow,
      // and nothing unsafe: the words are printed, and the build goes on.
      if (node.url.trim() === '') {
        file.message('link with no address: printed as plain text; give it its address, or remove the brackets', { place: node.position, ruleId: 'empty-link', source: 'pamphlet' });
        return unlink(node, index, parent);
      }
      const url = classifyUrl(node.url);
      switch (url.kind) {
        case 'refused': {
          // A link into a note-taking or reference app (`obsidian://open?vault=…`, `zotero://select/…`)
          // opens nothing on paper or in an e-reader, and runs nothing: its words are printed.
          const app = APP_SCHEME.exec(node.url.trim())?.[1]?.toLowerCase();
          if (app && APP_SCHEMES.has(app)) {
            file.message(`link to \`${app}:\`, an address only ${app === 'x-devonthink-item' ? 'DEVONthink' : app.charAt(0).toUpperCase() + app.slice(1)} opens: printed as its words`, { place: node.position, ruleId: 'app-link', source: 'pamphlet' });
            return unlink(node, index, parent);
          }
          // GFM reads `xmpp:name@example.org` in the text as a link (its extended autolinks): a chat
          // address, which nothing on paper or in an e-reader opens, and which runs nothing.
          if (app === 'xmpp') {
            file.message(`\`${node.url}\`, a chat (XMPP) address no page opens: printed as its words`, { place: node.position ?? parent?.position, ruleId: 'app-link', source: 'pamphlet' });
            return unlink(node, index, parent);
          }
          if (!url.outside) return void error(file, `link refused: ${url.reason}`, { place: node.position, ruleId: 'unsafe-url', source: 'pamphlet' });
          // `../std/index.html` from a book published at base-url: a page of the same site. Only
          // an address is written, and no file is read.
          if (options.baseUrl) {
            node.url = uriOf(new URL(node.url.trim(), withSlash(options.baseUrl)));
            return;
          }
          error(file, `link to \`${node.url}\`, a file that is not in the book: link to its web address, or give pamphlet.yaml a \`base-url\` where it is published`, { place: node.position, ruleId: 'link-outside-book', source: 'pamphlet' });
          return;
        }
        case 'web':
        case 'mailto':
          node.url = url.href;
          return;
        case 'fragment':
          node.url = `#${url.id}`;
          return;
        case 'relative': {
          // mdBook, Jekyll and Hugo books link a chapter by the page it is published as:
          // `ch07-00-modules.html` is the part `ch07-00-modules.md`.
          // Obsidian's Markdown links and GitHub's wikis name a page without its extension: `[filters](Filters)`.
          const part = [url.path, url.path.replace(/\.html?$/i, '.md'), ...(posixExtension(url.path) ? [] : [`${url.path}.md`, `${url.path}.mdx`])].find((name) => name === ownName || options.parts.has(name)) ?? url.path;
          if (part === ownName) {
            node.url = url.fragment ? `#${url.fragment}` : '#';
            if (!url.fragment) return unlink(node, index, parent);
            return;
          }
          const slug = options.parts.get(part);
          if (slug !== undefined) {
            if (!options.baseUrl) {
              file.info(`link to ${url.path} is plain text: give pamphlet.yaml a \`base-url\` to link the parts where they are published`, { place: node.position, ruleId: 'part-link-text', source: 'pamphlet' });
              return unlink(node, index, parent);
            }
            node.url = published(options.baseUrl, `${slug}.epub`, url.fragment);
            return;
          }
          if (options.baseUrl) {
            node.url = published(options.baseUrl, url.path, url.fragment);
            return;
          }
          error(file, `link to \`${url.path}\`, a file that is not in the book: link to its web address, or give pamphlet.yaml a \`base-url\` where it is published`, { place: node.position, ruleId: 'link-outside-book', source: 'pamphlet' });
          return;
        }
      }
    });
  };
}

const APP_SCHEME = /^([a-z][a-z0-9+.-]*):/i;
/** Note-taking and reference apps whose links authors copy into their text. */
const APP_SCHEMES = new Set(['obsidian', 'zotero', 'notion', 'onenote', 'evernote', 'bear', 'things', 'omnifocus', 'x-devonthink-item', 'logseq', 'craftdocs', 'drafts', 'ulysses', 'hook']);

function posixExtension(file: string): string {
  return path.posix.extname(path.posix.basename(file));
}

function withSlash(baseUrl: string): string {
  return baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
}

function published(baseUrl: string, file: string, fragment: string | undefined): string {
  const url = new URL(encodeURI(file), withSlash(baseUrl));
  if (fragment) url.hash = fragment;
  return uriOf(url);
}

/** Replaces a link with its text, where there is nothing a reader could follow. */
function unlink(node: Link, index: number | undefined, parent: Parent | undefined): typeof SKIP | undefined {
  if (!parent || index === undefined) return undefined;
  parent.children.splice(index, 1, ...(node.children as PhrasingContent[]));
  return SKIP;
}

/** Hosts of video pages Obsidian embeds from a picture's syntax. */
const VIDEO_HOSTS = /^(?:(?:www\.|m\.)?youtube(?:-nocookie)?\.com|youtu\.be|(?:player\.)?vimeo\.com)$/;

/** Whether an address is a video's page (YouTube's, Vimeo's) rather than a picture. */
function isVideoPage(href: string): boolean {
  try {
    return VIDEO_HOSTS.test(new URL(href).hostname);
  } catch {
    return false;
  }
}

/** Where a static site serves the files of its root from: Jekyll its own folder, Hugo and Docusaurus `static/`, VitePress `public/`. */
const SITE_ROOTS = ['', 'static/', 'public/'];

/**
 * A picture named from the site's root, as a static site's pages name them (`/images/a.png`,
 * Hugo's `{{< figure src="/images/a.png" >}}`): the file of that name in the manuscript folder,
 * or in its `static/` or `public/` folder, when one is there (`checkImage` keeps it inside the
 * folder: a symbolic link out of it is refused, named). Undefined for any other URL, or when none
 * is found: the path is then refused as an absolute one.
 */
function siteRootPicture(url: string, checkImage: SafetyOptions['checkImage']): string | undefined {
  if (!url.startsWith('/') || url.startsWith('//')) return undefined;
  const relative = url.replace(/^\/+/, '');
  if (relative === '' || relative.split(/[\\/]/).includes('..')) return undefined;
  for (const root of SITE_ROOTS) {
    const candidate = `${root}${relative}`;
    const found = checkImage(candidate);
    // Found, or refused for what it is (a link out of the folder, not a picture): its own error says why.
    if (found.ok || found.ruleId !== 'missing-image') return candidate;
  }
  return undefined;
}
