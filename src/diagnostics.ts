/**
 * Diagnostics travel as vfile messages with positions; this module is the one place
 * that turns them into the `file:line:column: severity: message` lines users see.
 */
import path from 'node:path';
import type { VFile } from 'vfile';
import type { VFileMessage, Options as MessageOptions } from 'vfile-message';
import { fixFor } from './rules.js';

/** Thrown when a manuscript cannot be built; carries every error found, with places. */
export class ManuscriptError extends Error {
  readonly messages: VFileMessage[];
  constructor(messages: VFileMessage[]) {
    super(messages.map((m) => formatMessage(m)).join('\n'));
    this.name = 'ManuscriptError';
    this.messages = messages;
  }
}

/**
 * vfile's `file.message()` makes warnings (`fatal: false`); `error()` below marks
 * errors `fatal: true` without throwing, so one list holds both and a run reports
 * every problem at once.
 */
export function severity(message: VFileMessage): 'error' | 'warning' | 'info' {
  if (message.fatal === true) return 'error';
  if (message.fatal === false) return 'warning';
  return 'info';
}

/** Records an error at `place` on `file` without throwing, so one run reports them all. */
export function error(file: VFile, reason: string, options: MessageOptions): VFileMessage {
  const message = file.message(reason, options);
  message.fatal = true;
  return message;
}

export function hasErrors(messages: readonly VFileMessage[]): boolean {
  return messages.some((m) => m.fatal === true);
}

export function formatMessage(message: VFileMessage, cwd = process.cwd()): string {
  const file = message.file ? path.relative(cwd, message.file) || message.file : '<input>';
  const line = message.line ?? 1;
  const column = message.column ?? 1;
  return `${file}:${line}:${column}: ${severity(message)}: ${message.reason}`;
}

/** One diagnostic as `check --format json` gives it: 1-based places, the end where known. */
export interface DiagnosticJson {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: 'error' | 'warning' | 'info';
  ruleId: string | null;
  message: string;
  fix: string | null;
}

export function messageJson(message: VFileMessage, cwd = process.cwd()): DiagnosticJson {
  const file = message.file ? path.relative(cwd, message.file) || message.file : '<input>';
  const line = message.line ?? 1;
  const column = message.column ?? 1;
  const place = message.place;
  const end = place && 'end' in place ? place.end : undefined;
  return {
    file,
    line,
    column,
    endLine: end?.line ?? line,
    endColumn: end?.column ?? column,
    severity: severity(message),
    ruleId: message.ruleId ?? null,
    message: message.reason,
    fix: fixFor(message.ruleId) ?? null,
  };
}
