/**
 * The preview's two scripts, run in the author's browser (each is serialised with
 * toString(), so neither may refer to anything outside its own body):
 *
 * - `shellClient` in the part page: listens to the server's event stream; on a new
 *   build it loads the new pages into a hidden frame, and once they are laid out puts
 *   them in place of the old, scrolled to the same place in the text; on a manuscript
 *   error it shows every diagnostic over the stale pages, and takes the list away once
 *   the error is fixed. Diagnostics are set as text, never as markup.
 * - `frameClient` in each frame: gives the `<style>` elements Paged.js makes the
 *   page's nonce (the page's policy allows no other inline style), adds the desk look
 *   once Paged.js is done, and tells the part page the frame is ready.
 */

export interface PreviewState {
  generation: number;
  /** `file:line:column: message`, one per error; empty when the manuscript builds. */
  errors: string[];
}

export function shellClient(): void {
  // The index page has the error list but no pages.
  const holder = document.getElementById('pamphlet-pages');
  const overlay = document.getElementById('pamphlet-overlay') as HTMLElement;
  const list = overlay.querySelector('ol') as HTMLOListElement;
  const frameBase = holder?.dataset.frame ?? '';
  let shown = Number(holder?.dataset.generation ?? 0);
  let loading: HTMLIFrameElement | undefined;
  const current = (): HTMLIFrameElement | null => holder?.querySelector('iframe.current') ?? null;

  const TEXT_PLACES = 'p[id], h1[id], h2[id], h3[id], h4[id], h5[id], h6[id], figure[id], li[id], aside[id], section[id]';
  /** The first element of the text still (partly) in view, and how far it is from the top. */
  const placeIn = (frame: HTMLIFrameElement | null): { id: string; top: number; scrollY: number } | undefined => {
    const doc = frame?.contentDocument;
    const win = frame?.contentWindow;
    if (!doc || !win) return undefined;
    for (const element of Array.from(doc.querySelectorAll(TEXT_PLACES))) {
      const box = element.getBoundingClientRect();
      if (box.bottom > 0 && box.height > 0) return { id: element.id, top: box.top, scrollY: win.scrollY };
    }
    return { id: '', top: 0, scrollY: win.scrollY };
  };

  const showErrors = (errors: string[]): void => {
    list.replaceChildren(...errors.map((text) => {
      const item = document.createElement('li');
      item.textContent = text;
      return item;
    }));
    overlay.hidden = errors.length === 0;
  };

  const load = (generation: number): void => {
    if (!holder) return;
    loading?.remove();
    const frame = document.createElement('iframe');
    frame.className = 'loading';
    frame.title = 'pages';
    frame.src = `${frameBase}?g=${generation}`;
    loading = frame;
    holder.append(frame);
    const ready = (event: MessageEvent): void => {
      if (event.source !== frame.contentWindow || event.origin !== location.origin || (event.data as { pamphlet?: string })?.pamphlet !== 'ready') return;
      window.removeEventListener('message', ready);
      if (loading !== frame) return;
      const old = current();
      const place = placeIn(old);
      const win = frame.contentWindow as Window;
      const target = place?.id ? frame.contentDocument?.getElementById(place.id) : null;
      if (target) win.scrollBy(0, target.getBoundingClientRect().top - (place?.top ?? 0));
      else if (place) win.scrollTo(0, place.scrollY);
      frame.className = 'current';
      old?.remove();
      loading = undefined;
      shown = generation;
      document.documentElement.dataset.generation = String(generation);
    };
    window.addEventListener('message', ready);
  };

  const events = new EventSource('/_pamphlet/events');
  events.addEventListener('state', (event) => {
    const state = JSON.parse((event as MessageEvent<string>).data) as PreviewState;
    showErrors(state.errors);
    // A manuscript in error keeps the last good pages under the list.
    if (!state.errors.length && state.generation !== shown) load(state.generation);
  });
}

export function frameClient(): void {
  const script = document.currentScript as HTMLScriptElement;
  const nonce = script.nonce ?? '';
  const ready = (): void => window.parent.postMessage({ pamphlet: 'ready' }, location.origin);
  if (document.documentElement.dataset.view === 'ereader') {
    window.addEventListener('load', ready);
    return;
  }
  const create = Document.prototype.createElement;
  Document.prototype.createElement = function (this: Document, name: string, options?: ElementCreationOptions): HTMLElement {
    const element = create.call(this, name, options);
    if (String(name).toLowerCase() === 'style') element.setAttribute('nonce', nonce);
    return element;
  } as typeof Document.prototype.createElement;
  (window as unknown as { PagedConfig: unknown }).PagedConfig = {
    settings: { hyphenGlyph: '-' },
    // Added once Paged.js is done: it rewrites every stylesheet it finds before paginating.
    after: () => {
      const desk = document.createElement('link');
      desk.rel = 'stylesheet';
      desk.href = '/_pamphlet/desk.css';
      desk.addEventListener('load', ready);
      desk.addEventListener('error', ready);
      document.head.append(desk);
    },
  };
}
