// The URL and inline-style policies (src/pipeline/url-policy.ts, css-policy.ts), in process:
// what each URL an attacker or a careless author might write is taken for, and why a style
// is refused, written out. tests/attacks.test.ts gives the same kinds of input to the CLI.
import { describe, expect, test } from 'vitest';
import { classifyUrl, isWebUrl, type UrlClass } from '../../src/pipeline/url-policy.js';
import { checkInlineStyle } from '../../src/pipeline/css-policy.js';

const notAllowed = (scheme: string): UrlClass => ({
  kind: 'refused',
  reason: `\`${scheme}\` URLs are not allowed (only http, https and mailto links, and files inside the manuscript folder)`,
});
const outside = (url: string): UrlClass => ({ kind: 'refused', reason: `\`${url}\` lies outside the manuscript folder`, outside: true });
const absolutePath = (url: string): UrlClass => ({ kind: 'refused', reason: `\`${url}\` is an absolute path: files are named relative to the manuscript folder`, outside: true });
const otherHost = (url: string): UrlClass => ({ kind: 'refused', reason: `\`${url}\` points to another host (write https://…)` });
const badHost = (url: string): UrlClass => ({ kind: 'refused', reason: `\`${url}\` has no valid host name` });
const invalid = (url: string): UrlClass => ({ kind: 'refused', reason: `\`${url}\` is not a valid URL` });
const credentials = (url: string): UrlClass => ({ kind: 'refused', reason: `\`${url}\` carries a user name or password` });

describe('classifyUrl', () => {
  test.each<[string, UrlClass]>([
    ['', { kind: 'refused', reason: 'an empty URL' }],
    ['   ', { kind: 'refused', reason: 'an empty URL' }],
    ['#top', { kind: 'fragment', id: 'top' }],
    ['#caf%C3%A9', { kind: 'fragment', id: 'café' }],
    // Not valid %-encoding: kept as written.
    ['#%E0%A4%A', { kind: 'fragment', id: '%E0%A4%A' }],
    ['#', { kind: 'fragment', id: '' }],
    ['./#s', { kind: 'fragment', id: 's' }],
    ['notes.md', { kind: 'relative', path: 'notes.md' }],
    ['images/a b.png', { kind: 'relative', path: 'images/a b.png' }],
    ['images/x.png#frag', { kind: 'relative', path: 'images/x.png', fragment: 'frag' }],
    ['images/x.png?v=1', { kind: 'relative', path: 'images/x.png' }],
    ['./x.png', { kind: 'relative', path: 'x.png' }],
    ['a/../b.png', { kind: 'relative', path: 'b.png' }],
    ['.', { kind: 'relative', path: '.' }],
    ['?v=1', { kind: 'relative', path: '.' }],
    ['images//x.png', { kind: 'relative', path: 'images/x.png' }],
    ['..', outside('..')],
    ['50%.png', { kind: 'relative', path: '50%.png' }],
    [`images/${'y'.repeat(70)}/..`, { kind: 'relative', path: 'images' }],
    ['a/../../b.png', outside('a/../../b.png')],
    ['../secret.txt', outside('../secret.txt')],
    ['%2e%2e/secret', outside('%2e%2e/secret')],
    ['..%2fsecret', outside('..%2fsecret')],
    [`../${'z'.repeat(70)}`, outside(`../${'z'.repeat(54)}…`)],
    // Sixty characters are shown whole; sixty-one are cut to fifty-seven and an ellipsis.
    [`../${'z'.repeat(57)}`, outside(`../${'z'.repeat(57)}`)],
    [`../${'z'.repeat(58)}`, outside(`../${'z'.repeat(54)}…`)],
    ['/etc/passwd', absolutePath('/etc/passwd')],
    ['\\etc\\passwd', absolutePath('\\etc\\passwd')],
    ['/\t/evil.example/x', absolutePath('/\t/evil.example/x')],
    ['//evil.example/x', otherHost('//evil.example/x')],
    ['\\\\evil.example\\x', otherHost('\\\\evil.example\\x')],
    ['pamphlet-manuscript://folder/x', notAllowed('pamphlet-manuscript:')],
    ['file:///etc/passwd', notAllowed('file:')],
    ['javascript:alert(1)', notAllowed('javascript:')],
    ['JaVaScRiPt:alert(1)', notAllowed('javascript:')],
    [' javascript:alert(1)', notAllowed('javascript:')],
    ['java\tscript:alert(1)', notAllowed('javascript:')],
    ['java\nscript:x', notAllowed('javascript:')],
    ['data:text/html,<script>alert(1)</script>', notAllowed('data:')],
    ['vbscript:msgbox', notAllowed('vbscript:')],
    ['ftp://example.org/', notAllowed('ftp:')],
    ['ws://127.0.0.1:9/', notAllowed('ws:')],
    ['blob:https://example.org/x', notAllowed('blob:')],
    ['C:/Windows/win.ini', notAllowed('c:')],
    ['http://example.org/a?b#c', { kind: 'web', href: 'http://example.org/a?b#c' }],
    ['HTTPS://EXAMPLE.ORG', { kind: 'web', href: 'https://example.org/' }],
    ['http://127.0.0.1:8080/x', { kind: 'web', href: 'http://127.0.0.1:8080/x' }],
    ['http://[::1]/', { kind: 'web', href: 'http://[::1]/' }],
    // What a browser follows and RFC 3986 forbids, percent-encoded so that an EPUB may carry it (epubcheck RSC-020).
    ['https://matrix.to/#/#room:example.org', { kind: 'web', href: 'https://matrix.to/#/%23room:example.org' }],
    ['http://[::1]:8080/a b|c^d?q={x}#one#two', { kind: 'web', href: 'http://[::1]:8080/a%20b%7Cc%5Ed?q=%7Bx%7D#one%23two' }],
    ['https://example.org/#a%23b', { kind: 'web', href: 'https://example.org/#a%23b' }],
    ['https://example.org/50%/x', { kind: 'web', href: 'https://example.org/50%25/x' }],
    ['mailto:a@b.org?subject=a b#x#y', { kind: 'mailto', href: 'mailto:a@b.org?subject=a%20b#x%23y' }],
    ['http://localhost/', { kind: 'web', href: 'http://localhost/' }],
    ['http://123/', { kind: 'web', href: 'http://0.0.0.123/' }],
    ['http://bücher.example/', { kind: 'web', href: 'http://xn--bcher-kva.example/' }],
    ['http://example.org.', { kind: 'web', href: 'http://example.org./' }],
    ['https://user:pw@example.org/', credentials('https://user:pw@example.org/')],
    ['https://user@example.org/', credentials('https://user@example.org/')],
    ['http://:pw@example.org/', credentials('http://:pw@example.org/')],
    ['http://a_b.example/', badHost('http://a_b.example/')],
    ['http://-bad.example/', badHost('http://-bad.example/')],
    ['http://bad-.example/', badHost('http://bad-.example/')],
    [`http://${'a'.repeat(64)}.example/`, badHost(`http://${'a'.repeat(50)}…`)],
    ['http://exa mple.org', invalid('http://exa mple.org')],
    ['http://', invalid('http://')],
    ['http://example.123/', invalid('http://example.123/')],
    ['mailto:a@example.org', { kind: 'mailto', href: 'mailto:a@example.org' }],
    ['MAILTO:a@example.org', { kind: 'mailto', href: 'mailto:a@example.org' }],
  ])('%j', (url, expected) => {
    expect(classifyUrl(url)).toEqual(expected);
  });

  test('a host label of 63 letters is a host name; 64 is not', () => {
    expect(classifyUrl(`https://${'a'.repeat(63)}.org/`)).toEqual({ kind: 'web', href: `https://${'a'.repeat(63)}.org/` });
    expect(classifyUrl(`https://x.${'a'.repeat(64)}/`).kind).toBe('refused');
    expect(classifyUrl('https://a-b.org/')).toEqual({ kind: 'web', href: 'https://a-b.org/' });
    expect(classifyUrl('https://a.b-2.org/')).toEqual({ kind: 'web', href: 'https://a.b-2.org/' });
  });
});

describe('isWebUrl (front matter `href`, `base-url`)', () => {
  test.each<[string, boolean]>([
    ['https://example.org', true],
    ['http://example.org/', true],
    [' https://example.org ', true],
    ['https://[::1]/', true],
    ['https://10.0.0.1/', true],
    ['mailto:a@b.org', false],
    ['https://u:p@example.org', false],
    ['https://u@example.org', false],
    ['https://:p@example.org', false],
    ['javascript:x', false],
    ['notaurl', false],
    ['https://-x.org', false],
    ['https://x.org-/', false],
    ['ftp://example.org', false],
  ])('%j → %s', (url, expected) => {
    expect(isWebUrl(url)).toBe(expected);
  });
});

const ALLOWED =
  'color, background-color, font-style, font-weight, font-variant, font-variant-caps, font-variant-numeric, font-variant-ligatures, font-feature-settings, font-kerning, text-decoration, text-decoration-line, text-decoration-style, text-decoration-color, text-transform, letter-spacing, word-spacing, vertical-align, white-space, font-size';
const property = (name: string) => `the property \`${name}\` (allowed: ${ALLOWED})`;
const loads = (what: string) => `\`${what}\`: a manuscript's style loads nothing`;

describe('checkInlineStyle', () => {
  test.each<[string, string[]]>([
    ['', []],
    ['color: red', []],
    ['COLOR: red; font-weight: bold', []],
    ['color: red;;', []],
    ['color: red /* url(x) */', []],
    ['color: var(--x)', []],
    ['color: var(--x, red)', []],
    // A var()'s fallback is kept unparsed by css-tree; read as the value it becomes (2026-12-04).
    ['background-color: var(--x, url(http://x/y))', ['`url(http://x/y)` in a var() fallback: a manuscript\'s style loads nothing']],
    ['color: var(--x, var(--y, image-set("http://x/y" 1x)))', ['`image-set()` in a var() fallback: a manuscript\'s style loads nothing']],
    [
      'font-size: 2em; letter-spacing: .1em; word-spacing: 1px; vertical-align: super; white-space: nowrap; text-transform: uppercase; text-decoration: underline; text-decoration-line: underline; text-decoration-style: wavy; text-decoration-color: red; font-variant: small-caps; font-variant-caps: small-caps; font-variant-numeric: oldstyle-nums; font-variant-ligatures: none; font-feature-settings: "smcp"; font-kerning: normal; font-style: italic; background-color: yellow',
      [],
    ],
    ['background: url(http://x/y)', [property('background'), loads('url(http://x/y)')]],
    ['color: red; background-image: url(x)', [property('background-image'), loads('url(x)')]],
    ['position: fixed', [property('position')]],
    ['c\\olor: red', [property('c\\olor')]],
    ['color: url(x)', [loads('url(x)')]],
    ['color: url("x")', [loads('url(x)')]],
    ['color: image-set("x" 1x)', [loads('image-set()')]],
    ['color: -webkit-image-set("x" 1x)', [loads('-webkit-image-set()')]],
    ['color: IMAGE("x")', [loads('IMAGE()')]],
    ['color: cross-fade(a, b)', [loads('cross-fade()')]],
    ['color: element(#x)', [loads('element()')]],
    ['color: paint(x)', [loads('paint()')]],
    ['color: src(x)', [loads('src()')]],
    ['color: expression(alert(1))', [loads('expression()')]],
    // An escaped letter in a function's name is that letter to a browser.
    ['color: u\\rl(x)', [loads('u\\rl()')]],
    ['color: image\\-set("x" 1x)', [loads('image\\-set()')]],
    ['color: red; @import "x";', ['`@import`']],
    ['color: red; @font-face { src: local(x) }', ['`@font-face`', property('src')]],
    ['{color:red}', ['CSS syntax error: Identifier is expected']],
  ])('%j', (style, expected) => {
    expect(checkInlineStyle(style)).toEqual(expected);
  });
});
