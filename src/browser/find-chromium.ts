/**
 * Where the system Chromium lives. We never download a browser (print shops and CI
 * images already have one, and a bundled download is 150 MB per platform), so this
 * only looks, in the order a user would expect to be able to override it.
 */
import { accessSync, constants } from 'node:fs';

/**
 * Checked in order after the config and the environment. Chromium's headless shell
 * comes first: the same Blink, Skia and V8 as the browser of the same version (the
 * outputs are the same to the byte), without the browser's profile services (its
 * history, autofill and login databases, a 3 MB profile written at every start) and
 * without a distribution's launcher script. It took 0.3-0.5 CPU s off every PDF build
 * and 1-2 s off a build of all five outputs (docs/speed.md). Debian names
 * it `chromium-headless-shell`; the binary is run, not its /usr/bin script, which runs
 * it as a child of a shell.
 */
export const USUAL_CHROMIUM_PATHS: readonly string[] = [
  '/usr/lib/chromium/chromium-headless-shell',
  '/usr/bin/chrome-headless-shell',
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/usr/local/bin/chromium',
  '/opt/google/chrome/chrome',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
];

export const INSTALL_HINT =
  'install one (Debian: `apt-get install chromium-headless-shell`, or `chromium`), or point pamphlet at it with ' +
  'the PUPPETEER_EXECUTABLE_PATH environment variable or `browser:` in pamphlet.yaml';

export interface FindChromiumOptions {
  /** `browser:` from pamphlet.yaml. */
  explicit?: string;
  env?: NodeJS.ProcessEnv;
  /** Injected by tests. */
  isExecutable?: (path: string) => boolean;
  candidates?: readonly string[];
}

function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The executable to launch. A path the user named that does not work is an error of
 * its own: silently falling back to another browser would hide their typo.
 */
export function findChromium(options: FindChromiumOptions = {}): string {
  const isExecutable = options.isExecutable ?? isExecutableFile;
  const env = options.env ?? process.env;

  if (options.explicit) {
    if (isExecutable(options.explicit)) return options.explicit;
    throw new Error(
      `The browser named by \`browser:\` in pamphlet.yaml (${options.explicit}) is not an executable file; ` +
        `fix the path, or remove the key to use PUPPETEER_EXECUTABLE_PATH or a Chromium on the usual paths.`,
    );
  }
  const fromEnv = env['PUPPETEER_EXECUTABLE_PATH'];
  if (fromEnv) {
    if (isExecutable(fromEnv)) return fromEnv;
    throw new Error(
      `PUPPETEER_EXECUTABLE_PATH=${fromEnv} is not an executable file; fix or unset it.`,
    );
  }
  for (const candidate of options.candidates ?? USUAL_CHROMIUM_PATHS) {
    if (isExecutable(candidate)) return candidate;
  }
  throw new Error(`No Chromium or Chrome found for the PDF; ${INSTALL_HINT}.`);
}

/**
 * Whether the executable is a headless shell (Chromium's `chrome-headless-shell`), which
 * takes Puppeteer's switches for it (`--headless`, not `--headless=new`).
 */
export function isHeadlessShell(executablePath: string): boolean {
  return /headless[-_]shell(\.exe)?$/i.test(executablePath);
}
