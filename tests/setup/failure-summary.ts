// CI keeps only the last lines of a run, and vitest prints the failures before its summary:
// with several failures, all but the last were lost. This reporter, listed after the default
// one, ends the run with one line per failure (file, test, the error's first line).
import path from 'node:path';
import type { Reporter, TestModule } from 'vitest/node';

const firstLine = (text: string | undefined): string => (text ?? '').split('\n')[0]!.slice(0, 300);

export default class FailureSummary implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const lines: string[] = [];
    for (const module of modules) {
      const file = path.relative(process.cwd(), module.moduleId);
      for (const error of module.errors()) lines.push(`${file}: ${firstLine(error.message)}`);
      for (const test of module.children.allTests('failed')) {
        lines.push(`${file} > ${test.fullName}: ${firstLine(test.result().errors?.[0]?.message)}`);
      }
    }
    if (lines.length > 0) process.stdout.write(`\nFailed (${lines.length}):\n${lines.map((line) => `  ${line}`).join('\n')}\n`);
  }
}
