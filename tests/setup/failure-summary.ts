// CI keeps only the last lines of a run, and vitest prints the failures before its summary:
// with several failures, all but the last were lost. This reporter, listed after the default
// one, ends the run with one line per failure (file, test, the error's first line), and for a
// fast-check property the lines that replay it (seed, counterexample, the error it got): a
// random failure that prints no seed cannot be reproduced.
import path from 'node:path';
import type { Reporter, TestModule } from 'vitest/node';

const summary = (error: { message?: string; cause?: unknown } | undefined): string => {
  const lines = (error?.message ?? '').split('\n');
  const replay = lines[0]?.startsWith('Property failed') ? lines.filter((line) => /^\{ seed:|^Counterexample:/.test(line)) : [];
  // fast-check puts the assertion that failed in the error's cause.
  const cause = error?.cause as { message?: unknown } | undefined;
  if (replay.length > 0 && typeof cause?.message === 'string') replay.push(`Caused by: ${cause.message.split('\n')[0]}`);
  return [lines[0] ?? '', ...replay].map((line) => line.slice(0, 300)).join('\n    ');
};

export default class FailureSummary implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const lines: string[] = [];
    for (const module of modules) {
      const file = path.relative(process.cwd(), module.moduleId);
      for (const error of module.errors()) lines.push(`${file}: ${summary(error)}`);
      for (const test of module.children.allTests('failed')) {
        lines.push(`${file} > ${test.fullName}: ${summary(test.result().errors?.[0])}`);
      }
    }
    if (lines.length > 0) process.stdout.write(`\nFailed (${lines.length}):\n${lines.map((line) => `  ${line}`).join('\n')}\n`);
  }
}
