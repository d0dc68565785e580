// The real `pamphlet preview` in a child process, on a port the OS picks (`--port 0`).
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const BIN = path.resolve(import.meta.dirname, '../../bin/pamphlet.js');

export interface RunningPreview {
  base: string;
  port: number;
  /** Everything the preview has written to stderr so far. */
  log(): string;
  stop(): Promise<void>;
}

export async function startPreview(cwd: string, dir = 'manuscript', env: NodeJS.ProcessEnv = {}): Promise<RunningPreview> {
  const child: ChildProcess = spawn(process.execPath, [BIN, 'preview', dir, '--port', '0'], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  const port = await new Promise<number>((resolve, reject) => {
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += String(chunk);
      const match = /preview of .* on http:\/\/127\.0\.0\.1:(\d+)\//.exec(stderr);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`preview exited with ${code}:\n${stderr}`)));
  });
  return {
    base: `http://127.0.0.1:${port}`,
    port,
    log: () => stderr,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGINT');
      }),
  };
}
