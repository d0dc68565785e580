/**
 * Runs Ace by DAISY (the `ace-cli` of @daisy/ace-cli, the checker of `@daisy/ace` without
 * its Electron app, which would download a browser) on an EPUB, in the system Chromium:
 * Ace's runner launches Puppeteer with no executable path of its own, and Puppeteer takes
 * PUPPETEER_EXECUTABLE_PATH. Ace's logs and settings go to a temporary folder
 * (XDG_STATE_HOME, XDG_CONFIG_HOME), not the user's home.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ACE = path.resolve(import.meta.dirname, '../../node_modules/.bin/ace-cli');

export interface AceViolation {
  /** Ace's or axe's rule, e.g. `link-in-text-block`, `epub-pagesource`. */
  rule: string;
  impact: string;
  /** The content document (or the package). */
  file: string;
  description: string;
}

export interface AceReport {
  outcome: string;
  violations: AceViolation[];
  /** Ace's list of accessibility metadata found in the package. */
  metadata: { present: string[]; missing: string[] };
  /** Facts Ace read off the book (hasPageBreaks, …). */
  properties: Record<string, boolean>;
}

interface Assertion {
  'earl:testSubject'?: { url?: string };
  'earl:test'?: { 'dct:title'?: string; 'earl:impact'?: string };
  'earl:result'?: { 'earl:outcome'?: string; 'dct:description'?: string };
  assertions?: Assertion[];
}

export function ace(epub: string, chromium = '/usr/bin/chromium'): AceReport {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pamphlet-ace-'));
  try {
    const run = spawnSync(ACE, ['--silent', '--outdir', path.join(dir, 'report'), epub], {
      encoding: 'utf8',
      timeout: 300_000,
      cwd: dir,
      env: { ...process.env, PUPPETEER_EXECUTABLE_PATH: chromium, XDG_STATE_HOME: dir, XDG_CONFIG_HOME: dir, XDG_DATA_HOME: dir, XDG_CACHE_HOME: dir, TMPDIR: dir },
    });
    if (run.error) throw run.error;
    let json: { 'earl:result'?: { 'earl:outcome'?: string }; assertions?: Assertion[]; 'a11y-metadata'?: { present?: string[]; missing?: string[] }; properties?: Record<string, boolean> };
    try {
      json = JSON.parse(readFileSync(path.join(dir, 'report', 'report.json'), 'utf8'));
    } catch {
      throw new Error(`Ace wrote no report (exit ${run.status}): ${run.stderr}${run.stdout}`);
    }
    const violations: AceViolation[] = [];
    const walk = (assertions: readonly Assertion[] | undefined, file: string): void => {
      for (const assertion of assertions ?? []) {
        const subject = assertion['earl:testSubject']?.url ?? file;
        if (assertion['earl:result']?.['earl:outcome'] === 'fail' && assertion['earl:test']) {
          violations.push({
            rule: assertion['earl:test']['dct:title'] ?? '?',
            impact: assertion['earl:test']['earl:impact'] ?? '?',
            file: subject,
            description: (assertion['earl:result']['dct:description'] ?? '').trim(),
          });
        }
        walk(assertion.assertions, subject);
      }
    };
    walk(json.assertions, '');
    return {
      outcome: json['earl:result']?.['earl:outcome'] ?? '?',
      violations,
      metadata: { present: json['a11y-metadata']?.present ?? [], missing: json['a11y-metadata']?.missing ?? [] },
      properties: json.properties ?? {},
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
