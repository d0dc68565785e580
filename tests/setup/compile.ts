// The CLI tests run the real `bin/pamphlet.js`, which loads the bundled lib/: bundle
// it first (esbuild, then make-tables.ts, which builds the real manuscript for the code cache: about three seconds) so a test never exercises stale JavaScript.
import { execFileSync } from 'node:child_process';

export default function setup(): void {
  // For quick runs of pipeline-only tests while lib/ is known to be current.
  if (process.env.PAMPHLET_SKIP_COMPILE === '1') return;
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
}
