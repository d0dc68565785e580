/**
 * The print page is laid out only when a layout is used. Left to itself, Chromium laid the
 * whole book out three times before Paged.js took it (x10: 80 + 95 + 124 ms): once as it
 * was parsed, with fallback fonts; again when the web fonts came in; and once more in the
 * pause between the line breaker's call and Paged.js's, a frame that laid out every
 * paragraph the breaker had changed, just before Paged.js moved them all into its template
 * (which throws that layout away). A rendering held is `display: none` on the root, set
 * inline and `!important`, so no stylesheet of the book undoes it, and nothing to undo in
 * the print: it is off before Paged.js reads the document.
 *
 * - HOLD_RENDERING: the page's first script (session.ts), before the body is parsed.
 * - loadTextFonts: the faces the text asks for loaded, then the hold off: the book's first
 *   layout is the one the line breaker measures, with its fonts; the rest of the book's
 *   faces begin to load (REST_OF_FACES).
 * - holdWhenSettled: the line breaker run, the hold back on in the same task.
 * - The pagination's call takes it off and starts Paged.js in the same task (session.ts).
 *
 * Each function runs in the page, so each is whole in itself (Puppeteer sends its source).
 */

/**
 * Where the page keeps the loads of the book's faces no text asked for (running heads, page
 * numbers, what Paged.js's page rules style): the pagination awaits them before it takes the
 * hold off. Left to the pagination, they were first asked for by the pages' layout and loaded
 * while Paged.js measured the pages (Chromium's trace of the x10 book: six faces, as its first
 * page was made). Loaded while the rendering is held, a face's arrival lays nothing out again,
 * and the pages are measured in the faces they are printed in.
 */
export const REST_OF_FACES = '__pamphletRestOfFaces';

/**
 * The style element of the book's @font-face rules (print-html.ts) carries Paged.js's mark for
 * a sheet it leaves as it is: copied into its own sheets, the rules made every face anew, and
 * each was loaded again as the pagination began.
 */
export const FACES_SHEET_MARK = 'data-pagedjs-ignore';

/** Script text: the root not rendered, until loadTextFonts or the pagination takes it off. */
export const HOLD_RENDERING = "document.documentElement.style.setProperty('display', 'none', 'important');";

/**
 * In the page: loads the faces each run of text asks for (its computed family, style and
 * weight, and its characters, for the faces' unicode-ranges), then lets the page render and
 * lays it out. A face this misses (one only generated content asks for) is asked for by that
 * layout and awaited by the line breaker (line-breaker.ts, `document.fonts.ready`), at the
 * cost of one more layout; so is a font the browser cannot parse from a computed value.
 */
export async function loadTextFonts(restName: string, facesMark: string): Promise<{ early: number; loaded: number; missed: number; rest: number }> {
  // The font shorthand takes only keywords for the stretch; a computed value is a percentage.
  const STRETCH: Record<string, string> = { '50%': 'ultra-condensed', '62.5%': 'extra-condensed', '75%': 'condensed', '87.5%': 'semi-condensed', '112.5%': 'semi-expanded', '125%': 'expanded', '150%': 'extra-expanded', '200%': 'ultra-expanded' };
  const root = document.documentElement;
  // A face is asked for when a layout (or a style) needs it: with the rendering held, none has been.
  let early = 0;
  document.fonts.forEach((face) => {
    if (face.status !== 'unloaded') early++;
  });
  const fontOf = new Map<Element, string>();
  const letters = new Map<string, Set<string>>();
  const walker = document.createTreeWalker(document.body ?? root, NodeFilter.SHOW_TEXT);
  for (let text = walker.nextNode(); text; text = walker.nextNode()) {
    const parent = text.parentElement;
    const data = text.nodeValue ?? '';
    if (!parent || !data.trim()) continue;
    let font = fontOf.get(parent);
    if (font === undefined) {
      // Styles only: the root's display: none leaves them to compute without a layout.
      const style = getComputedStyle(parent);
      font = `${style.fontStyle} ${style.fontWeight} ${STRETCH[style.fontStretch] ?? 'normal'} 16px ${style.fontFamily}`;
      fontOf.set(parent, font);
    }
    let set = letters.get(font);
    if (!set) letters.set(font, (set = new Set()));
    for (const ch of data) set.add(ch);
  }
  const faces = await Promise.all([...letters].map(([font, set]) => document.fonts.load(font, [...set].join('')).catch(() => [])));
  root.style.removeProperty('display');
  // The layout the line breaker measures, here rather than in the frame that would follow.
  document.body?.getBoundingClientRect();
  let missed = 0;
  document.fonts.forEach((face) => {
    if (face.status === 'loading') missed++;
  });
  // The book's own faces (not a house style's: Paged.js makes those anew) no text asked for.
  const unquoted = (family: string): string => family.trim().replace(/^(["'])(.*)\1$/, '$2');
  const ours = new Set<string>();
  for (const sheet of document.styleSheets) {
    if (!(sheet.ownerNode instanceof Element) || !sheet.ownerNode.hasAttribute(facesMark)) continue;
    for (const rule of sheet.cssRules) if (rule instanceof CSSFontFaceRule) ours.add(unquoted(rule.style.getPropertyValue('font-family')));
  }
  const rest: Promise<unknown>[] = [];
  document.fonts.forEach((face) => {
    if (face.status === 'unloaded' && ours.has(unquoted(face.family))) rest.push(face.load().catch(() => undefined));
  });
  (window as unknown as Record<string, Promise<unknown>>)[restName] = Promise.all(rest);
  return { early, loaded: faces.reduce((sum, matched) => sum + matched.length, 0), missed, rest: rest.length };
}

/**
 * In the page: runs the function the page holds as `globalName` with `args`, and holds the
 * rendering again as it settles, in the same task, so that no frame lays out what it left.
 */
export async function holdWhenSettled(globalName: string, args: unknown[]): Promise<unknown> {
  try {
    return await (window as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[globalName]!(...args);
  } finally {
    document.documentElement.style.setProperty('display', 'none', 'important');
  }
}
