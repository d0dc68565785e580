// A code block's title and highlighted lines (src/pipeline/remark-code-meta.ts), in process: Redux's
// tutorial (reduxjs/redux, docs/tutorials/essentials/part-2-app-structure.md, MIT) as written, MkDocs
// Material's and VitePress's forms as their guides write them, then as an attacker writes them.
import { describe, expect, test } from 'vitest';
import { body, onePart } from './helpers.js';

/** Each marked line of a part's code, in order. */
const marked = (html: string): string[] => [...html.matchAll(/<mark>([^<]*)<\/mark>/g)].map((m) => m[1]!.replace(/&#x3C;/g, '<'));

describe("Redux's tutorial: Docusaurus's title and magic comments", () => {
  const REDUX = "```tsx title=\"main.tsx\"\nimport React from 'react'\nimport { createRoot } from 'react-dom/client'\n// highlight-next-line\nimport { Provider } from 'react-redux'\n\nimport App from './App'\nimport { store } from './app/store'\n\nimport './index.css'\n\nconst container = document.getElementById('root')!\nconst root = createRoot(container)\n\nroot.render(\n  <React.StrictMode>\n    // highlight-start\n    <Provider store={store}>\n      <App />\n    </Provider>\n    // highlight-end\n  </React.StrictMode>\n)\n```";

  test('the title a line above the code, unnumbered; the lines the comments mark in a <mark>, the comments gone', () => {
    const { doc, messages } = onePart(`${REDUX}\n\nWe always have to call it.\n`);
    const html = body(doc);
    expect(html).toMatch(/^<p class="code-title"><code>main\.tsx<\/code><\/p>\n<pre><code class="language-tsx">import React from 'react'\n/);
    expect(html).not.toContain('highlight-');
    expect(marked(html)).toEqual(["import { Provider } from 'react-redux'", '    <Provider store={store}>', '      <App />', '    </Provider>']);
    // The paragraph after it is the part's first: a title is no paragraph of the text.
    expect(html).toContain('<p id="p1" data-pn="1">We always have to call it.</p>');
    expect(messages.filter((m) => / (error|warning): /.test(m))).toEqual([]);
  });
});

describe('the other tools\' forms', () => {
  test("MkDocs's `hl_lines`, Docusaurus's `{1,4-6}`, VitePress's `js{4}`, `[title]` and `// [!code highlight]`, Quarto's `filename`", () => {
    const { doc } = onePart([
      // squidfunk/mkdocs-material, docs/reference/code-blocks.md.
      '``` py title="bubble_sort.py" hl_lines="2 3"\ndef bubble_sort(items):\n    for i in range(len(items)):\n        for j in range(len(items) - 1 - i):\n            if items[j] > items[j + 1]:\n                items[j], items[j + 1] = items[j + 1], items[j]\n```',
      // Docusaurus, markdown-features-code-blocks.mdx.
      '```jsx {1,4-6,11}\nimport React from \'react\';\n\nfunction MyComponent(props) {\n  if (props.isBar) {\n    return <div>Bar</div>;\n  }\n\n  return <div>Foo</div>;\n}\n\nexport default MyComponent;\n```',
      // vuejs/vitepress, docs/en/guide/markdown.md.
      "```js{4}\nexport default {\n  data () {\n    return {\n      msg: `Highlighted!\n      This line isn't highlighted,\n      but this and the next 2 are.`,\n      motd: 'VitePress is awesome',\n      lorem: 'ipsum'\n    }\n  }\n}\n```",
      "```js [config.js]\nexport default {\n  data () {\n    return {\n      msg: 'Highlighted!' // [!code highlight]\n    }\n  }\n}\n```",
      // quarto-dev/quarto-web, docs/authoring/code-blocks.qmd.
      '```{.python filename="run.py"}\nimport matplotlib.pyplot as plt\n```',
    ].join('\n\n') + '\n');
    const html = body(doc);
    expect([...html.matchAll(/<p class="code-title"><code>([^<]*)<\/code><\/p>/g)].map((m) => m[1])).toEqual(['bubble_sort.py', 'config.js', 'run.py']);
    expect(marked(html)).toEqual([
      '    for i in range(len(items)):',
      '        for j in range(len(items) - 1 - i):',
      "import React from 'react';",
      '  if (props.isBar) {',
      '    return <div>Bar</div>;',
      '  }',
      'export default MyComponent;',
      '      msg: `Highlighted!',
      "      msg: 'Highlighted!'",
    ]);
    expect(html).toContain('<code class="language-js">');
    expect(html).not.toMatch(/\[!code|hl_lines|\{4\}|language-js\{/);
  });

  test('as an attacker writes them: a title is words, a range of a hundred million lines costs nothing, a blank run is read once', () => {
    const { doc, messages } = onePart(`\`\`\`js title="<img src=x onerror=alert(1)>" {1-100000000}\nconst a = 1\n\`\`\`\n\n\`\`\`js\nx${' '.repeat(100_000)}// [!code highlight] ${' '.repeat(100_000)}y\n\`\`\`\n`);
    const html = body(doc);
    expect(html).toContain('<p class="code-title"><code>&#x3C;img src=x onerror=alert(1)></code></p>');
    expect(marked(html)).toEqual(['const a = 1']);
    expect(html).not.toMatch(/<img/);
    expect(messages.filter((m) => / error: /.test(m))).toEqual([]);
  });
});
