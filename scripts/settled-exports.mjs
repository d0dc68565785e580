// The exports of lib/'s split files as plain values once each file has run (scripts/build.mjs).
// A module of its own so that tests/lib-loader.test.ts can convert a file the same way.
import { parse } from '@babel/parser';
import babelTraverse from '@babel/traverse';

const traverse = babelTraverse.default ?? babelTraverse;

/**
 * The names a split file exports whose binding nothing assigns again after its declaration
 * (babel's scope analysis: `binding.constant`): functions, classes, consts, and `let`s and
 * `var`s set once. A TypeScript enum (`var E; (E ||= {})`) is assigned twice and is not one.
 */
export function constantExports(code) {
  const names = [];
  traverse(parse(code, { sourceType: 'module' }), {
    Program(path) {
      for (const node of path.node.body) {
        if (node.type !== 'ExportNamedDeclaration' || node.source) continue;
        for (const spec of node.specifiers) {
          if (spec.type !== 'ExportSpecifier' || spec.local.type !== 'Identifier') continue;
          const exported = spec.exported.type === 'Identifier' ? spec.exported.name : spec.exported.value;
          if (path.scope.getBinding(spec.local.name)?.constant) names.push(exported);
        }
      }
      path.stop();
    },
  });
  return names;
}

/**
 * What a file's CommonJS ends with: once its code has run, its exports object again with
 * each constant binding as a plain value rather than a getter. esbuild's getters (two
 * calls: its __toCommonJS getter reads the __export getter) ran for every use of an
 * imported function in another file, micromark's tokenizer and the tree walkers included:
 * 40 ms of the x10 build's own thread went to them. A file still loading (two that import
 * each other) is seen through the getters, which stay right; so does every binding that
 * is assigned again.
 */
export function settledExports(names) {
  if (names.length === 0) return '';
  return `;module.exports=((o,k)=>{const n={};for(const p of Object.getOwnPropertyNames(o)){const d=Object.getOwnPropertyDescriptor(o,p);Object.defineProperty(n,p,d.get&&k.has(p)?{value:o[p],enumerable:d.enumerable}:d)}return n})(module.exports,new Set(${JSON.stringify(names)}));\n`;
}
