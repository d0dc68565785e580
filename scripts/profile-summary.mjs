#!/usr/bin/env node
// Self time by function in a .cpuprofile (PAMPHLET_PAGE_PROFILE, src/browser/page-profile.ts),
// and total time (self and callees) of the functions named with --total.
// node scripts/profile-summary.mjs FILE.cpuprofile [--top 40] [--total name,name]
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const file = args[0];
const top = Number(args[args.indexOf('--top') + 1]) || 40;
const totals = args.includes('--total') ? args[args.indexOf('--total') + 1].split(',') : [];
const profile = JSON.parse(readFileSync(file, 'utf8'));
const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const self = new Map();
const total = new Map();
const label = (n) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber + 1}:${n.callFrame.columnNumber + 1}`;
let all = 0;
for (let i = 0; i < profile.samples.length; i++) {
  const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
  all += dt;
  let n = nodes.get(profile.samples[i]);
  self.set(label(n), (self.get(label(n)) ?? 0) + dt);
  const seen = new Set();
  for (let id = n.id; id !== undefined; id = parent.get(id)) {
    const name = nodes.get(id).callFrame.functionName;
    if (totals.includes(name) && !seen.has(name)) {
      seen.add(name);
      total.set(name, (total.get(name) ?? 0) + dt);
    }
  }
}
console.log(`${all.toFixed(0)} ms sampled`);
for (const [name, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${ms.toFixed(1).padStart(8)}  ${name}`);
for (const [name, ms] of total) console.log(`total ${ms.toFixed(1).padStart(8)}  ${name}`);
