// citeproc-js ships no types; this declares only the surface src/citations/engine.ts uses.
declare module 'citeproc' {
  namespace CSL {
    interface Sys {
      /** The locale's XML, or its tree as JSON text (parsed-csl.ts). */
      retrieveLocale(locale: string): string | false;
      retrieveItem(id: string): unknown;
    }
    interface Citation {
      citationID: string;
      citationItems: Array<{ id: string; locator?: string; label?: string; prefix?: string; suffix?: string }>;
      properties: { noteIndex: number };
    }
    /** Its own XML parser: a style's or locale's text to the JSON tree `CSL.setupXml` also takes as JSON text. */
    function parseXml(xml: string): unknown;
    class Engine {
      constructor(sys: Sys, style: string, lang?: string, forceLang?: boolean);
      rebuildProcessorState(citations: Citation[], mode?: 'html' | 'text' | 'rtf', uncited?: string[]): Array<[string, number, string]>;
      makeBibliography(): [Record<string, unknown>, string[]] | false;
    }
  }
  const CSL: { Engine: typeof CSL.Engine; parseXml: typeof CSL.parseXml };
  export default CSL;
}
