// The loader half of module-log.mjs: runs in Node's loader thread, logs each resolved module.
import fs from 'node:fs';

let log;

export function initialize(data) {
  log = data.log;
}

export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  fs.appendFileSync(log, `module ${resolved.url}\n`);
  return resolved;
}
