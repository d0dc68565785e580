// citeproc-js ships no types; this declares only the surface src/citations/engine.ts uses.
declare module 'citeproc' {
  namespace CSL {
    interface Sys {
      retrieveLocale(locale: string): string | false;
      retrieveItem(id: string): unknown;
    }
    interface Citation {
      citationID: string;
      citationItems: Array<{ id: string; locator?: string; label?: string; prefix?: string; suffix?: string }>;
      properties: { noteIndex: number };
    }
    class Engine {
      constructor(sys: Sys, style: string, lang?: string, forceLang?: boolean);
      rebuildProcessorState(citations: Citation[], mode?: 'html' | 'text' | 'rtf', uncited?: string[]): Array<[string, number, string]>;
      makeBibliography(): [Record<string, unknown>, string[]] | false;
    }
  }
  const CSL: { Engine: typeof CSL.Engine };
  export default CSL;
}
