// The esbuild options every bundle of pamphlet's TypeScript shares: scripts/build.mjs (lib/)
// and scripts/measure-pagedjs-patches.mjs (its own copy of the print modules).
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/**
 * node-fetch and sync-fetch (imported by @citation-js/core to read a bibliography from a URL)
 * and proxy-agent (imported by Puppeteer's browser installer for its downloads) are replaced
 * by src/no-network.ts: the bundle holds no HTTP client at all.
 */
const NO_NETWORK = {
  name: 'no-network',
  setup(build) {
    const stub = fileURLToPath(new URL('../src/no-network.ts', import.meta.url));
    build.onResolve({ filter: /^(node-fetch|sync-fetch|proxy-agent)$/ }, () => ({ path: stub }));
  },
};

/**
 * Puppeteer's browser installer (`@puppeteer/browsers`, with `semver`) and its WebSocket
 * client (`ws`) are replaced by src/no-browser-install.ts: pamphlet starts Chromium itself and
 * speaks to it over a pipe, so a PDF build no longer compiles 300 KB it never runs before
 * Chromium can start.
 */
const NO_BROWSER_INSTALL = {
  name: 'no-browser-install',
  setup(build) {
    const stub = fileURLToPath(new URL('../src/no-browser-install.ts', import.meta.url));
    build.onResolve({ filter: /^(@puppeteer\/browsers|ws)$/ }, () => ({ path: stub }));
  },
};

/**
 * Puppeteer base64-encodes a response body in JavaScript, a code point at a time, through a
 * string as long as the body (util/encoding.js): the print HTML that src/browser/lockdown.ts
 * serves to the page, 700 KB at x10, took 25-40 ms of the build's thread (CPU profiles) before
 * Chromium could begin to parse it; 3 MB take 170 ms. Node's Buffer gives the same base64
 * natively in about 1 ms. The build fails if Puppeteer's function is no longer found as it was.
 */
const NODE_BASE64 = {
  name: 'node-base64',
  setup(build) {
    build.onLoad({ filter: /puppeteer-core[\\/]lib[\\/]esm[\\/]puppeteer[\\/]util[\\/]encoding\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const patched = source.replace(
        /export function typedArrayToBase64\(typedArray\) \{[^]*?\n\}/,
        'export function typedArrayToBase64(typedArray) {\n    return Buffer.from(typedArray.buffer, typedArray.byteOffset, typedArray.byteLength).toString("base64");\n}',
      );
      if (patched === source) throw new Error(`node-base64: typedArrayToBase64 not found in ${args.path}; see scripts/bundle-options.mjs`);
      return { contents: patched, loader: 'js' };
    });
  },
};

/**
 * unist-util-visit-parents, which every plugin of the pipeline walks its tree with, gives the
 * closure it makes for each node a name of its own, for a stack trace's sake: a string built
 * with terminal colours and an `Object.defineProperty` per node and per walk, some four million
 * at x10. The names are left out; nothing reads them but a debugger. The build fails if the
 * block is no longer found as it was.
 */
const VISIT_WITHOUT_NAMES = {
  name: 'visit-without-names',
  setup(build) {
    build.onLoad({ filter: /unist-util-visit-parents[\\/]lib[\\/]index\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const patched = source.replace(/\n {4}if \(typeof value\.type === 'string'\) \{\n[^]*?Object\.defineProperty\(visit, 'name', \{[^]*?\}\)\n {4}\}\n/, '\n');
      if (patched === source) throw new Error(`visit-without-names: the naming of visit() not found in ${args.path}; see scripts/bundle-options.mjs`);
      return { contents: patched, loader: 'js' };
    });
  },
};

/**
 * micromark's EditMap, through which the document tokenizer moves a container's exits back each
 * time a block quote or list item closes (micromark/lib/initialize/document.js), applied its edits
 * by copying every event of the document before the first edit out and back in: a part of many
 * short block quotes or list items (tldr-pages: each page a quote and a list of one-item lists)
 * parsed in the square of its length, 2,000 two-line quotes (58 KB) in 5.1 s and tldr's 4,613
 * English pages (2.8 MB) past the parse's time limit. The events before the first edit are now
 * left where they are; the same events come out in the same order. The build fails if the lines
 * are no longer found as they were.
 */
const EDIT_MAP_IN_PLACE = {
  name: 'edit-map-in-place',
  setup(build) {
    build.onLoad({ filter: /micromark-util-edit-map[\\/](dev[\\/])?index\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const patched = source.replace(/\n(\s*)vecs\.push\(events\.slice\(\)\);?\n\s*events\.length = 0;?\n/, '\n$1// [pamphlet] scripts/bundle-options.mjs: the events before the first edit stay in place.\n');
      if (patched === source) throw new Error(`edit-map-in-place: the copy of every event not found in ${args.path}; see scripts/bundle-options.mjs`);
      return { contents: patched, loader: 'js' };
    });
  },
};

/**
 * property-information's `find(schema, name)`, which hast-util-to-html calls for every attribute
 * of every element it writes (and hastscript for every property it sets), lower-cases the name,
 * and for a `data-*` one runs two regular expressions and makes a new `Info` object each time:
 * 13 ms of the x10 print HTML's writing (CPU profile), every paragraph having its `data-`
 * attributes. The answer depends only on the schema and the name, and no caller changes it
 * (the schemas' own `Info`s are shared by every caller already), so each is kept, per schema.
 * The build fails if the function is no longer found as it was.
 */
const FIND_ONCE = {
  name: 'find-once',
  setup(build) {
    build.onLoad({ filter: /property-information[\\/]lib[\\/]find\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const patched = source.replace(/\nexport function find\(schema, value\) \{\n/, '\nfunction findEach(schema, value) {\n');
      if (patched === source) throw new Error(`find-once: find() not found in ${args.path}; see scripts/bundle-options.mjs`);
      const once = [
        'const found = new WeakMap()',
        'export function find(schema, value) {',
        '  let known = found.get(schema)',
        '  if (known === undefined) found.set(schema, (known = new Map()))',
        '  let info = known.get(value)',
        '  if (info === undefined) known.set(value, (info = findEach(schema, value)))',
        '  return info',
        '}',
      ].join('\n');
      return { contents: `${patched}\n${once}\n`, loader: 'js' };
    });
  },
};

/**
 * pdf-lib's parser, which every PDF a build finishes goes through (src/render/pdf-io.ts): 110-150
 * ms of the x10 build's thread once the print is done, its 12,000 objects (11,300 of them the
 * tag tree's) read while the build waits. Three costs in it that its answers do not need, each
 * replaced by the same answer got directly:
 * - `parseIndirectObjects` awaits `parseIndirectObject` for every object, an async function
 *   compiled to ES5 (a generator state machine, a promise and a microtask per object), though
 *   only an object stream has anything to wait for. Each object is now read at once, the
 *   object stream awaited as before; an object that fails is read again as an invalid one, as
 *   before, and a tick is still yielded where pdf-lib's pacing asks for one.
 * - `PDFName.of` runs a regular expression's replace on every name to decode `#xx` escapes,
 *   on names that have none: a name with no `#` is returned as it is.
 * - `PDFRef.of` keys its pool of references by a string it builds each time ("12 0 R"): a
 *   whole object number below 2^37 and generation below 2^16 key it by a number, one number
 *   for one pair; anything else by the string, as before.
 * The x10 PDF loaded cold: 150 → 106 ms (the three together). And a fourth, which changes what
 * is saved but not what it means:
 * - An indirect object that is a plain dictionary (no stream after it) is kept as its bytes
 *   (`PDFUnreadDict`) until `PDFContext.lookup` or `lookupMaybe` is asked for it, when it is read
 *   and kept read; one nothing asks for is saved as the file had it. The x10 print's tag tree
 *   (10,961 of its 11,729 objects) is never looked at unless the book has a table. Where the
 *   dictionary ends is found by `plainDictEnd`, through strings, hex strings and nested
 *   dictionaries; anything it does not expect (a comment, a stray `)` or `>`, a stream, no
 *   `endobj` after it) leaves the object to pdf-lib's parser, as before. The x10 print loaded
 *   cold 216 → 100 ms, saved 109 → 80 ms.
 * The build fails if any of these is no longer found as it was; tests/pdf-lib-bundled.test.ts
 * reads PDFs with the bundled pdf-lib and with the package's own and finds the same objects, and
 * the same objects in what each saves.
 */
const PDF_LIB_PARSE = {
  name: 'pdf-lib-parse',
  setup(build) {
    const patch = (file, source, from, to) => {
      const patched = source.replace(from, to);
      if (patched === source) throw new Error(`pdf-lib-parse: ${String(from).slice(0, 60)} not found in ${file}; see scripts/bundle-options.mjs`);
      return patched;
    };
    build.onLoad({ filter: /pdf-lib[\\/]es[\\/]core[\\/](parser[\\/]PDFParser|objects[\\/]PDFName|objects[\\/]PDFRef|PDFContext)\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      if (/PDFName\.js$/.test(args.path)) {
        return { contents: patch(args.path, source, /\nvar decodeName = function \(name\) \{\n/, "\nvar decodeName = function (name) {\n    if (name.indexOf('#') === -1)\n        return name;\n"), loader: 'js' };
      }
      if (/PDFContext\.js$/.test(args.path)) {
        // A dictionary kept as its bytes (below) is read the first time it is looked up, and kept read.
        const resolve = '$1var result = ref instanceof PDFRef ? this.indirectObjects.get(ref) : ref;\n$1if (result && result.pamphletUnread === true) {\n$1    result = result.read();\n$1    this.indirectObjects.set(ref, result);\n$1}\n';
        const once = patch(args.path, source, /\n(\s*)var result = ref instanceof PDFRef \? this\.indirectObjects\.get\(ref\) : ref;\n(?=\s*if \(!result \|\| \(result === PDFNull && !preservePDFNull\)\))/, `\n${resolve}`);
        return { contents: patch(args.path, once, /\n(\s*)var result = ref instanceof PDFRef \? this\.indirectObjects\.get\(ref\) : ref;\n(?=\s*if \(types\.length === 0\))/, `\n${resolve}`), loader: 'js' };
      }
      if (/PDFRef\.js$/.test(args.path)) {
        const key = 'var tag = Number.isInteger(objectNumber) && objectNumber >= 0 && objectNumber < 137438953472 && Number.isInteger(generationNumber) && generationNumber >= 0 && generationNumber < 65536 ? objectNumber * 65536 + generationNumber : objectNumber + " " + generationNumber + " R";';
        return { contents: patch(args.path, source, /\n(\s*)var tag = objectNumber \+ " " \+ generationNumber \+ " R";\n(\s*var instance = pool\.get\(tag\);)/, `\n$1${key}\n$2`), loader: 'js' };
      }
      const once = [
        '',
        '// [pamphlet] scripts/bundle-options.mjs, PDF_LIB_PARSE: a plain dictionary kept as its bytes until it is looked up.',
        'function isPdfWhitespace(b) {',
        '    return b === 32 || b === 10 || b === 13 || b === 9 || b === 12 || b === 0;',
        '}',
        'function plainDictEnd(bytes, start) {',
        '    var length = bytes.length;',
        '    if (bytes[start] !== 60 || bytes[start + 1] !== 60)',
        '        return -1;',
        '    var depth = 0;',
        '    var i = start;',
        '    while (i < length) {',
        '        var b = bytes[i];',
        '        if (b === 60) {',
        '            if (bytes[i + 1] === 60) {',
        '                depth += 1;',
        '                i += 2;',
        '                continue;',
        '            }',
        '            i += 1;',
        '            while (i < length && bytes[i] !== 62) {',
        '                var h = bytes[i];',
        '                if (!((h >= 48 && h <= 57) || (h >= 65 && h <= 70) || (h >= 97 && h <= 102) || isPdfWhitespace(h)))',
        '                    return -1;',
        '                i += 1;',
        '            }',
        '            if (i >= length)',
        '                return -1;',
        '            i += 1;',
        '            continue;',
        '        }',
        '        if (b === 62) {',
        '            if (bytes[i + 1] !== 62)',
        '                return -1;',
        '            depth -= 1;',
        '            i += 2;',
        '            if (depth === 0)',
        '                break;',
        '            continue;',
        '        }',
        '        if (b === 40) {',
        '            var parens = 1;',
        '            i += 1;',
        '            while (i < length && parens > 0) {',
        '                var c = bytes[i];',
        '                if (c === 92) {',
        '                    i += 2;',
        '                    continue;',
        '                }',
        '                if (c === 40)',
        '                    parens += 1;',
        '                else if (c === 41)',
        '                    parens -= 1;',
        '                i += 1;',
        '            }',
        '            if (parens > 0)',
        '                return -1;',
        '            continue;',
        '        }',
        '        if (b === 41 || b === 123 || b === 125 || b === 37)',
        '            return -1;',
        '        i += 1;',
        '    }',
        '    if (depth !== 0)',
        '        return -1;',
        '    var end = i;',
        '    while (i < length && isPdfWhitespace(bytes[i]))',
        '        i += 1;',
        '    if (bytes[i] !== 101 || bytes[i + 1] !== 110 || bytes[i + 2] !== 100 || bytes[i + 3] !== 111 || bytes[i + 4] !== 98 || bytes[i + 5] !== 106)',
        '        return -1;',
        '    return end;',
        '}',
        'var PDFUnreadDict = (function (_super) {',
        '    __extends(PDFUnreadDict, _super);',
        '    function PDFUnreadDict(bytes, context, capNumbers) {',
        '        var _this = _super.call(this) || this;',
        '        _this.bytes = bytes;',
        '        _this.context = context;',
        '        _this.capNumbers = capNumbers;',
        '        _this.pamphletUnread = true;',
        '        return _this;',
        '    }',
        '    PDFUnreadDict.prototype.read = function () {',
        '        try {',
        '            return PDFObjectParser.forBytes(this.bytes, this.context, this.capNumbers).parseObject();',
        '        }',
        '        catch (e) {',
        '            return PDFInvalidObject.of(this.bytes.slice());',
        '        }',
        '    };',
        '    PDFUnreadDict.prototype.clone = function (context) { return this.read().clone(context); };',
        '    PDFUnreadDict.prototype.toString = function () { return this.read().toString(); };',
        '    PDFUnreadDict.prototype.sizeInBytes = function () { return this.bytes.length; };',
        '    PDFUnreadDict.prototype.copyBytesInto = function (buffer, offset) {',
        '        buffer.set(this.bytes, offset);',
        '        return this.bytes.length;',
        '    };',
        '    return PDFUnreadDict;',
        '}(PDFObject));',
        '// [pamphlet] scripts/bundle-options.mjs, PDF_LIB_PARSE: each object read at once; an object stream awaited.',
        'PDFParser.prototype.parseIndirectObjectAtOnce = function () {',
        '    var ref = this.parseIndirectObjectHeader();',
        '    this.skipWhitespaceAndComments();',
        '    var start = this.bytes.offset();',
        '    var end = plainDictEnd(this.bytes.bytes, start);',
        '    var object;',
        '    if (end !== -1) {',
        '        object = new PDFUnreadDict(this.bytes.bytes.subarray(start, end), this.context, this.capNumbers);',
        '        this.bytes.moveTo(end);',
        '    }',
        '    else {',
        '        object = this.parseObject();',
        '    }',
        '    this.skipWhitespaceAndComments();',
        '    this.matchKeyword(Keywords.endobj);',
        "    if (object instanceof PDFRawStream && object.dict.lookup(PDFName.of('Type')) === PDFName.of('ObjStm')) {",
        '        return PDFObjectStreamParser.forStream(object, this.shouldWaitForTick).parseIntoContext();',
        '    }',
        "    if (object instanceof PDFRawStream && object.dict.lookup(PDFName.of('Type')) === PDFName.of('XRef')) {",
        '        PDFXRefStreamParser.forStream(object).parseIntoContext();',
        '    }',
        '    else {',
        '        this.context.assign(ref, object);',
        '    }',
        '    return undefined;',
        '};',
        'PDFParser.prototype.parseIndirectObjects = async function () {',
        '    this.skipWhitespaceAndComments();',
        '    while (!this.bytes.done() && IsDigit[this.bytes.peek()]) {',
        '        var initialOffset = this.bytes.offset();',
        '        try {',
        '            var pending = this.parseIndirectObjectAtOnce();',
        '            if (pending !== undefined)',
        '                await pending;',
        '        }',
        '        catch (e) {',
        '            this.bytes.moveTo(initialOffset);',
        '            this.tryToParseInvalidIndirectObject();',
        '        }',
        '        this.skipWhitespaceAndComments();',
        '        this.skipJibberish();',
        '        if (this.shouldWaitForTick())',
        '            await waitForTick();',
        '    }',
        '};',
        '',
      ].join('\n');
      // The upstream method must be there as this replaces it, with the names the replacement uses.
      for (const needed of [/\n {4}PDFParser\.prototype\.parseIndirectObjects = function \(\) \{\n/, /\n {4}PDFParser\.prototype\.parseIndirectObject = function \(\) \{\n/, /\bimport \{ IsDigit \} from "\.\.\/syntax\/Numeric";/, /\bimport \{ waitForTick \} from "\.\.\/\.\.\/utils";/, /\bimport \{ Keywords \} from "\.\.\/syntax\/Keywords";/, /\bimport PDFObjectStreamParser from /, /\bimport PDFXRefStreamParser from /, /\bimport PDFRawStream from /, /\bimport PDFName from /]) {
        if (!needed.test(source)) throw new Error(`pdf-lib-parse: ${String(needed).slice(0, 60)} not found in ${args.path}; see scripts/bundle-options.mjs`);
      }
      const withImport = patch(args.path, source, /\nimport PDFInvalidObject from "\.\.\/objects\/PDFInvalidObject";\n/, '\nimport PDFInvalidObject from "../objects/PDFInvalidObject";\nimport PDFObject from "../objects/PDFObject";\n');
      // The search for a catalog in a file whose trailer names none reads what it looks at.
      const recovering = patch(args.path, withImport, /\n(\s*)var _a = indirectObjects\[idx\], ref = _a\[0\], object = _a\[1\];\n/, '\n$1var _a = indirectObjects[idx], ref = _a[0], object = this.context.lookup(_a[0]);\n');
      return { contents: patch(args.path, recovering, /\nexport default PDFParser;\n/, `${once}export default PDFParser;\n`), loader: 'js' };
    });
  },
};

/** `--readable`: a bundle left as esbuild writes it unminified (see `minifyWhitespace`). */
const READABLE = process.argv.includes('--readable');

/**
 * Blanks and comments out, names kept (a stack still names its functions): what Node compiles
 * is in proportion to its text. lib/ 4.8 → 3.3 MB, the code a cited EPUB build compiles about
 * 2.2 → 1.4 MB, 21 ms of its start when lib/ was ES modules compiled at every start.
 * `node scripts/build.mjs --readable` leaves them in, to read a stack's lines.
 */
export const MINIFY = { minifyWhitespace: !READABLE, minifySyntax: !READABLE };

export const BUNDLE_OPTIONS = {
  plugins: [NO_NETWORK, NO_BROWSER_INSTALL, NODE_BASE64, VISIT_WITHOUT_NAMES, FIND_ONCE, PDF_LIB_PARSE, EDIT_MAP_IN_PLACE],
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Puppeteer is bundled too (into the chunks only a build with a layout loads): from
  // node_modules Node resolved and compiled its 470-odd modules one by one, some 150 ms
  // before Chromium could even be started. Its run-time imports are all literal paths.
  // css-tree reads its JSON data with a runtime require() that a bundle cannot follow.
  // resvg-js loads its native addon (a per-platform npm package) at run time.
  // fontkit is required only for a manuscript's own font (src/render/font-cmaps.ts).
  external: ['css-tree', '@resvg/resvg-js', 'fontkit'],
  mainFields: ['module', 'main'],
  // CommonJS dependencies (citeproc, pdf-lib) call require(); ESM output needs one made.
  banner: { js: "import { createRequire as __pamphletRequire } from 'node:module'; const require = __pamphletRequire(import.meta.url);" },
  logLevel: 'warning',
  ...MINIFY,
};
