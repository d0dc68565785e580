// The words pamphlet adds around the author's (src/words.ts), as a reader of an EPUB in
// each language meets them: the part's label, the "Next:" line, the contents and
// landmarks, the colophon, a note's way back, the questions' heading, the handout's folio.
import { describe, expect, test } from 'vitest';
import { epubOf, load, part } from './helpers.js';
import { handoutPage, handoutPageCss } from '../../src/render/page-css.js';

interface Expected {
  lang: string;
  label: string;
  next: string;
  contents: string;
  landmarks: string;
  cover: string;
  start: string;
  colophon: string;
  back: string;
  questions: string;
  folio: string;
}

const WORDS: Expected[] = [
  { lang: 'en-GB', label: 'Part I', next: 'Next: Part II: B', contents: 'Contents', landmarks: 'Landmarks', cover: 'Cover', start: 'Start of text', colophon: 'Colophon', back: 'Back to reference a', questions: 'Questions for discussion', folio: '"page " counter(page) " of " counter(pages)' },
  { lang: 'de', label: 'Teil I', next: 'Weiter: Teil II: B', contents: 'Inhalt', landmarks: 'Orientierungspunkte', cover: 'Umschlag', start: 'Textbeginn', colophon: 'Impressum', back: 'Zurück zum Verweis a', questions: 'Fragen zur Diskussion', folio: '"Seite " counter(page) " von " counter(pages)' },
  { lang: 'fr', label: 'Partie I', next: 'À suivre\u202F: Partie II: B', contents: 'Table des matières', landmarks: 'Repères', cover: 'Couverture', start: 'Début du texte', colophon: 'Colophon', back: 'Retour à l’appel a', questions: 'Questions pour la discussion', folio: '"page " counter(page) " sur " counter(pages)' },
  { lang: 'es', label: 'Parte I', next: 'Siguiente: Parte II: B', contents: 'Índice', landmarks: 'Puntos de referencia', cover: 'Cubierta', start: 'Inicio del texto', colophon: 'Colofón', back: 'Volver a la referencia a', questions: 'Preguntas para el debate', folio: '"página " counter(page) " de " counter(pages)' },
  { lang: 'it', label: 'Parte I', next: 'Prossima: Parte II: B', contents: 'Indice', landmarks: 'Punti di riferimento', cover: 'Copertina', start: 'Inizio del testo', colophon: 'Colophon', back: 'Torna al richiamo a', questions: 'Domande per la discussione', folio: '"pagina " counter(page) " di " counter(pages)' },
  { lang: 'pt-BR', label: 'Parte I', next: 'Próxima: Parte II: B', contents: 'Sumário', landmarks: 'Pontos de referência', cover: 'Capa', start: 'Início do texto', colophon: 'Colofão', back: 'Voltar à referência a', questions: 'Questões para debate', folio: '"página " counter(page) " de " counter(pages)' },
  { lang: 'nl', label: 'Deel I', next: 'Volgende: Deel II: B', contents: 'Inhoud', landmarks: 'Oriëntatiepunten', cover: 'Omslag', start: 'Begin van de tekst', colophon: 'Colofon', back: 'Terug naar verwijzing a', questions: 'Vragen voor de discussie', folio: '"pagina " counter(page) " van " counter(pages)' },
  { lang: 'ru', label: 'Часть I', next: 'Далее: Часть II: B', contents: 'Содержание', landmarks: 'Ориентиры', cover: 'Обложка', start: 'Начало текста', colophon: 'Выходные данные', back: 'Назад к ссылке a', questions: 'Вопросы для обсуждения', folio: '"страница " counter(page) " из " counter(pages)' },
];

describe('the words around the text, in the book’s language', () => {
  test.each(WORDS)('$lang', (expected) => {
    const loaded = load({
      'pamphlet.yaml': `series: S\nlang: ${expected.lang}\nrights: R\n`,
      'part-1.md': part('title: A\npart: 1', 'One[^n] and again[^n].\n\n[^n]: N.\n\n:::questions\n1. Q?\n:::\n'),
      'part-2.md': part('title: B\npart: 2', 'Two.\n'),
    });
    const doc = loaded.manuscript.parts[0]!;
    expect(doc.meta.partLabel).toBe(expected.label);
    const files = epubOf(loaded);
    const nav = files['OEBPS/nav.xhtml'] ?? '';
    const text = files['OEBPS/text.xhtml'] ?? '';
    expect(nav).toContain(`<h1 id="toc-title">${expected.contents}</h1>`);
    expect(nav).toContain(`<h2>${expected.landmarks}</h2>`);
    expect(nav).toContain(`<a epub:type="cover" href="cover.xhtml">${expected.cover}</a>`);
    expect(nav).toContain(`<a epub:type="bodymatter" href="text.xhtml">${expected.start}</a>`);
    expect(files['OEBPS/package.opf']).toContain(`<reference type="toc" title="${expected.contents}" href="nav.xhtml"/>`);
    expect(files['OEBPS/colophon.xhtml']).toContain(`<title>${expected.colophon}</title>`);
    expect(text).toContain(`aria-label="${expected.back}"`);
    expect(text).toContain(`>${expected.questions}</h2>`);
    expect(text.replace(/<[^>]+>/g, '')).toContain(expected.next);
    expect(handoutPageCss(handoutPage('A4'), expected.lang)).toContain(`@top-right { content: ${expected.folio}; }`);
  });

  test('a language pamphlet has no words for: English, marked as English for screen readers', () => {
    const loaded = load({ 'pamphlet.yaml': 'series: S\nlang: sw\n', 'part-1.md': part('title: A\npart: 1', 'Moja.\n') });
    const nav = epubOf(loaded)['OEBPS/nav.xhtml'] ?? '';
    expect(loaded.manuscript.parts[0]!.meta.partLabel).toBe('Part I');
    expect(nav).toContain('<h1 id="toc-title" lang="en" xml:lang="en">Contents</h1>');
    expect(nav).toContain('<a epub:type="cover" href="cover.xhtml" lang="en" xml:lang="en">Cover</a>');
  });
});

interface Furniture {
  lang: string;
  bibliography: string;
  pages: string;
  source: string;
  printer: string;
  subjects: string;
}

// The imprint's lines as a reader meets them on the colophon (a French colon after a narrow no-break space).
const FURNITURE: Furniture[] = [
  { lang: 'en-GB', bibliography: 'Works Cited', pages: 'Pages of the print edition', source: 'First published as Pravda, 1917', printer: 'Printed by Print Co.', subjects: 'Subjects: Revolution; History' },
  { lang: 'de', bibliography: 'Literaturverzeichnis', pages: 'Seiten der Druckausgabe', source: 'Zuerst erschienen als Pravda, 1917', printer: 'Gedruckt bei Print Co.', subjects: 'Schlagwörter: Revolution; History' },
  { lang: 'fr', bibliography: 'Bibliographie', pages: 'Pages de l’édition imprimée', source: 'Première publication\u202F: Pravda, 1917', printer: 'Imprimé par Print Co.', subjects: 'Sujets\u202F: Revolution; History' },
  { lang: 'es', bibliography: 'Obras citadas', pages: 'Páginas de la edición impresa', source: 'Publicado originalmente como Pravda, 1917', printer: 'Impreso por Print Co.', subjects: 'Materias: Revolution; History' },
  { lang: 'it', bibliography: 'Opere citate', pages: 'Pagine dell’edizione a stampa', source: 'Pubblicato per la prima volta come Pravda, 1917', printer: 'Stampato da Print Co.', subjects: 'Soggetti: Revolution; History' },
  { lang: 'pt-BR', bibliography: 'Obras citadas', pages: 'Páginas da edição impressa', source: 'Publicado originalmente como Pravda, 1917', printer: 'Impresso por Print Co.', subjects: 'Assuntos: Revolution; History' },
  { lang: 'nl', bibliography: 'Geciteerde werken', pages: 'Pagina’s van de gedrukte uitgave', source: 'Oorspronkelijk verschenen als Pravda, 1917', printer: 'Gedrukt door Print Co.', subjects: 'Onderwerpen: Revolution; History' },
  { lang: 'ru', bibliography: 'Библиография', pages: 'Страницы печатного издания', source: 'Впервые опубликовано: Pravda, 1917', printer: 'Отпечатано: Print Co.', subjects: 'Темы: Revolution; History' },
];

describe('the Works Cited, the print pages and the imprint, in the book’s language', () => {
  test.each(FURNITURE)('$lang', (expected) => {
    const loaded = load({
      'pamphlet.yaml': `series: S\nlang: ${expected.lang}\nbibliography: refs.bib\ncitation-style: apa\n`,
      'refs.bib': '@book{carr1950, author = {Carr, Edward Hallett}, title = {The Bolshevik Revolution}, year = {1950}}\n',
      'part-1.md': part('title: A\npart: 1\nsource: Pravda, 1917\nprinter: Print Co.\nsubjects: [Revolution, History]', 'One :cite[carr1950].\n'),
    });
    const files = epubOf(loaded, 0, { css: 'p{}', printPages: [{ number: '1', start: { anchor: 'p@9:1', letters: 0, text: 'OneCarr1950' } }] });
    expect(files['OEBPS/bibliography.xhtml']).toContain(`<h2 id="bibliography-title">${expected.bibliography}</h2>`);
    expect(files['OEBPS/nav.xhtml']).toContain(`<li><a href="bibliography.xhtml">${expected.bibliography}</a></li>`);
    expect(files['OEBPS/nav.xhtml']).toContain(`<h2 id="page-list-title">${expected.pages}</h2>`);
    const colophon = files['OEBPS/colophon.xhtml'] ?? '';
    expect(colophon.slice(colophon.indexOf('<section'))).toContain(
      `<p class="imprint-source">${expected.source}</p>\n<p class="imprint-printer">${expected.printer}</p>\n<p class="imprint-subjects">${expected.subjects}</p>`,
    );
  });
});
