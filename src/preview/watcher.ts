/**
 * Saves in the manuscript folder (parts, pamphlet.yaml, the bibliography, images,
 * styles/), watched by chokidar and gathered: an editor's save is several file
 * events, and one rebuild follows them all.
 */
import path from 'node:path';
import { watch } from 'chokidar';

const SETTLE_MS = 60;

export interface FolderWatch {
  ready: Promise<void>;
  close(): Promise<void>;
}

export function watchFolder(dir: string, onChange: (files: string[]) => void): FolderWatch {
  const root = path.resolve(dir);
  const watcher = watch(root, {
    ignoreInitial: true,
    // A link out of the folder is never followed, not even to watch it.
    followSymlinks: false,
    // Editors' swap and backup files, version control and dependencies are not the manuscript.
    ignored: (file: string) => file !== root && (path.basename(file).startsWith('.') || path.basename(file) === 'node_modules' || file.endsWith('~')),
  });
  let pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  watcher.on('all', (_event, file) => {
    pending.add(path.relative(root, file));
    clearTimeout(timer);
    timer = setTimeout(() => {
      const files = [...pending].sort();
      pending = new Set();
      onChange(files);
    }, SETTLE_MS);
  });
  return {
    ready: new Promise<void>((resolve) => watcher.once('ready', () => resolve())),
    close: async () => {
      clearTimeout(timer);
      await watcher.close();
    },
  };
}
