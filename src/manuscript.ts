/**
 * A manuscript folder is a series: load its config and bibliography once, parse every
 * part, link each part to the next, and build the PartDocuments. All diagnostics of
 * all files are gathered so one run reports every problem.
 */
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import type { Root } from 'mdast';
import { loadConfig } from './config/load.js';
import type { ResolvedConfig } from './config/types.js';
import { loadBibliography, type Bibliography } from './citations/bibliography.js';
import { resolveStyle, StyleError, StyleNotFoundError, type CitationStyle } from './citations/engine.js';
import type { NextPart, PartDocument } from './document.js';
import { ManuscriptError, error, hasErrors } from './diagnostics.js';
import { readFrontmatter } from './pipeline/frontmatter.js';
import { buildPart, createParser, type ParsedPart } from './pipeline/part.js';
import { toRoman } from './roman.js';
import { readTextInside } from './files/read.js';
import { slugify } from './slug.js';


export interface Manuscript {
  config: ResolvedConfig;
  parts: PartDocument[];
  /** Every file's warnings (errors throw a ManuscriptError instead). */
  messages: VFileMessage[];
}

const BIBLIOGRAPHY_TITLES: Record<string, string> = { en: 'Works Cited', de: 'Literaturverzeichnis', fr: 'Bibliographie', es: 'Obras citadas', it: 'Opere citate', pt: 'Obras citadas', nl: 'Geciteerde werken', ru: 'Библиография' };
const QUESTIONS_TITLES: Record<string, string> = { en: 'Questions for discussion', de: 'Fragen zur Diskussion', fr: 'Questions pour la discussion', es: 'Preguntas para el debate', it: 'Domande per la discussione', pt: 'Questões para debate', nl: 'Vragen voor de discussie', ru: 'Вопросы для обсуждения' };

export function loadManuscript(dir: string, env: NodeJS.ProcessEnv = process.env, preloaded?: ResolvedConfig): Manuscript {
  const config = preloaded ?? loadConfig(dir);
  const configFile = new VFile({ path: config.configPath });
  const bibliography: Bibliography | undefined = config.bibliography ? loadBibliography(config.bibliography, config.dir) : undefined;
  let style: CitationStyle | undefined;
  try {
    const namedAt = config.places?.['citation-style'] ?? { line: 1, column: 1 };
    style = { ...resolveStyle(config.citationStyle, config.styleDirs), namedAt: { file: config.configPath, ...namedAt } };
  } catch (cause) {
    if (!(cause instanceof StyleError)) throw cause;
    // A style nobody cites with may be missing; one that is there must be a CSL style.
    if (bibliography || !(cause instanceof StyleNotFoundError)) {
      throw new ManuscriptError([error(configFile, cause.message, { place: config.places?.['citation-style'] ?? { line: 1, column: 1 }, ruleId: 'csl-style', source: 'pamphlet' })]);
    }
  }

  const parser = createParser();
  const partFiles = readdirSync(config.dir).filter((name) => name.endsWith('.md') && !/^readme\.md$/i.test(name)).sort();
  const parsed: ParsedPart[] = [];
  const files: VFile[] = [];
  for (const name of partFiles) {
    const filePath = path.join(config.dir, name);
    // By its real location: a link out of the folder, a folder or a FIFO named like a part is an error, never read.
    const read = readTextInside(config.dir, name);
    if (!read.ok) {
      const place = read.problem === 'encoding' ? { line: read.line, column: read.column } : { line: 1, column: 1 };
      files.push(new VFile({ path: filePath }));
      error(files[files.length - 1] as VFile, read.problem === 'not-a-file' ? `${read.reason}: a part is a Markdown file` : read.reason, { place, ruleId: read.problem === 'encoding' ? 'encoding' : 'part-file', source: 'pamphlet' });
      continue;
    }
    const file = new VFile({ path: filePath, value: read.text });
    files.push(file);
    const tree = parser.parse(file) as Root;
    const frontmatter = readFrontmatter(tree, file);
    if (frontmatter) parsed.push({ file, tree, frontmatter });
  }
  if (!partFiles.length) error(configFile, `no parts: put one Markdown file per part in ${config.dir}`, { place: { line: 1, column: 1 }, ruleId: 'no-parts', source: 'pamphlet' });
  parsed.sort((a, b) => a.frontmatter.part - b.frontmatter.part);
  for (let i = 1; i < parsed.length; i++) {
    const here = parsed[i] as ParsedPart;
    if (here.frontmatter.part === (parsed[i - 1] as ParsedPart).frontmatter.part) {
      error(here.file, `part ${here.frontmatter.part} appears twice (also in ${path.basename((parsed[i - 1] as ParsedPart).file.path)})`, { place: { line: 1, column: 1 }, ruleId: 'part-twice', source: 'pamphlet' });
    }
  }
  throwIfErrors([configFile, ...files]);

  const lang = config.lang.split('-')[0] ?? 'en';
  const usedKeys = new Set<string>();
  const context = {
    config,
    bibliography,
    style,
    bibliographyTitle: config.bibliographyTitle ?? BIBLIOGRAPHY_TITLES[lang] ?? 'Bibliography',
    questionsTitle: config.questionsTitle ?? QUESTIONS_TITLES[lang] ?? 'Questions for discussion',
    usedKeys,
  };
  const parts = parsed.map((part, index) => {
    const following = parsed[index + 1];
    const fm = part.frontmatter;
    const slug = `${slugify(config.series)}-${fm.part}`;
    let next: NextPart | null = null;
    if (fm.next && typeof fm.next === 'object') next = { label: fm.next.title, ...(fm.next.href ? { href: fm.next.href } : {}) };
    else if (fm.next !== false && following) {
      next = { label: `Part ${toRoman(following.frontmatter.part)}: ${following.frontmatter.title}`, slug: `${slugify(config.series)}-${following.frontmatter.part}` };
    }
    return buildPart(
      part,
      {
        series: config.series,
        ...(fm.subtitle ?? config.subtitle ? { subtitle: fm.subtitle ?? config.subtitle } : {}),
        title: fm.title,
        part: fm.part,
        partLabel: `Part ${toRoman(fm.part)}`,
        authors: config.authors,
        ...(config.publisher ? { publisher: config.publisher } : {}),
        lang: config.lang,
        identifier: fm.identifier ?? derivedIdentifier(config.series, fm.part, String(part.file.value)),
        ...(fm.date ? { date: fm.date } : {}),
        modified: modifiedDate(env, fm.date),
        next,
        slug,
      },
      context,
    );
  });
  throwIfErrors([configFile, ...files]);

  if (bibliography) {
    const bibFile = new VFile({ path: bibliography.path });
    for (const key of bibliography.items.keys()) {
      if (!usedKeys.has(key)) bibFile.message(`bibliography entry \`${key}\` is never cited`, { place: { line: bibliography.lines.get(key) ?? 1, column: 1 }, ruleId: 'uncited-entry', source: 'pamphlet' });
    }
    files.push(bibFile);
  }
  return { config, parts, messages: [configFile, ...files].flatMap((file) => file.messages) };
}

function throwIfErrors(files: VFile[]): void {
  const messages = files.flatMap((file) => file.messages);
  if (hasErrors(messages)) throw new ManuscriptError(messages.filter((m) => m.fatal === true));
}

/** A name-based UUID from the content, so the same manuscript keeps the same id without a registry. */
function derivedIdentifier(series: string, part: number, source: string): string {
  const hash = createHash('sha1').update(`${series}\u0000${part}\u0000${source}`).digest();
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Never the wall clock, so builds are reproducible: SOURCE_DATE_EPOCH when set (the
 * reproducible-builds convention), else the part's `date`, else a fixed epoch.
 */
function modifiedDate(env: NodeJS.ProcessEnv, date: string | undefined): string {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  if (date) {
    const [y, m = '01', d = '01'] = date.split('-');
    return `${y}-${m}-${d}T00:00:00Z`;
  }
  return '2000-01-01T00:00:00Z';
}
