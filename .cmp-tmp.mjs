// tests/helpers/commonmark-prose.ts
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
var REPO = path.resolve(import.meta.dirname, "../..");
function commonMarkProse(dir) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "pamphlet.yaml"), "series: The CommonMark Spec\nauthor: John MacFarlane\nlang: en\npage: { size: A5 }\n");
  const spec = readFileSync(path.join(REPO, "node_modules/commonmark-spec/spec.txt"), "utf8");
  const prose = spec.replace(/^---[^]*?\n---\n/, "").replace(/^`{32} example[^]*?^`{32}$/gm, "").split("\n").filter((line) => !/[<>]/.test(line)).join("\n").replace(/\[([^\]]*)\]\([^)]*\)/g, "$1").slice(0, 6e4);
  writeFileSync(path.join(dir, "part-1.md"), `---
part: 1
title: The CommonMark Spec
---

${prose.slice(prose.indexOf("\n# ") + 1)}
`);
  return dir;
}

// ../../tmp/cmp.mts
import { cpSync, mkdirSync as mkdirSync2, writeFileSync as writeFileSync2 } from "node:fs";
var src = commonMarkProse("/tmp/cmp/src");
cpSync(src, "/tmp/cmp/m/manuscript", { recursive: true });
mkdirSync2("/tmp/cmp/m/manuscript/styles", { recursive: true });
writeFileSync2("/tmp/cmp/m/manuscript/styles/print.css", "p::first-line { letter-spacing: -0.05em; }\n");
