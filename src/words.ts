/**
 * The words pamphlet adds around an author's own — "Part I", "Next:", "Contents", the
 * Works Cited and questions headings, the handout's "page 3 of 9", the EPUB's navigation
 * labels — in the languages it has them for. A German book reads "Teil I" and "Inhalt",
 * not English furniture around German text. A language not listed gets English, and
 * `wordsFor` says so (`lang: 'en'`), so that the EPUB can mark those labels as English
 * for screen readers. `bibliography-title` and `questions-title` in pamphlet.yaml still
 * override their headings.
 */

export interface Words {
  /** Before a part's Roman numeral: "Part" I. */
  part: string;
  /** Before the next part's title, with its colon: "Next:". */
  next: string;
  contents: string;
  bibliography: string;
  /** Before a labelled figure's number, in its caption and the references to it: "Figure" 1. */
  figure: string;
  /** Before a labelled table's number ("Table 1: …") and a labelled formula's in a reference to it ("Equation 1"), as Quarto's translations say. */
  table: string;
  equation: string;
  questions: string;
  /** The handout's running head: "page" 3 "of" 9. */
  page: string;
  of: string;
  /** EPUB navigation. */
  landmarks: string;
  cover: string;
  start: string;
  pages: string;
  colophon: string;
  /** A note's link back to one of its calls: "Back to reference" a. */
  backTo: string;
  /** The imprint: "First published as" …, "Printed by" …, "Subjects:" … (with its colon, which French spaces). */
  source: string;
  printer: string;
  subjects: string;
  /** The labels of GitHub's alerts, `> [!NOTE]` and its kin (remark-github-alerts.ts), and of Docusaurus's admonitions, `:::info` and `:::danger` too (remark-directives.ts). */
  alerts: Readonly<Record<AlertKind, string>>;
}

export type AlertKind = 'note' | 'tip' | 'important' | 'warning' | 'caution' | 'info' | 'danger';

const WORDS: Readonly<Record<string, Words>> = {
  en: {
    part: 'Part', next: 'Next:', contents: 'Contents', bibliography: 'Works Cited', figure: 'Figure', table: 'Table', equation: 'Equation', questions: 'Questions for discussion', page: 'page', of: 'of',
    landmarks: 'Landmarks', cover: 'Cover', start: 'Start of text', pages: 'Pages of the print edition',
    colophon: 'Colophon', backTo: 'Back to reference', source: 'First published as', printer: 'Printed by', subjects: 'Subjects:',
    alerts: { note: 'Note', tip: 'Tip', important: 'Important', warning: 'Warning', caution: 'Caution', info: 'Info', danger: 'Danger' },
  },
  de: {
    part: 'Teil', next: 'Weiter:', contents: 'Inhalt', bibliography: 'Literaturverzeichnis', figure: 'Abbildung', table: 'Tabelle', equation: 'Gleichung', questions: 'Fragen zur Diskussion', page: 'Seite', of: 'von',
    landmarks: 'Orientierungspunkte', cover: 'Umschlag', start: 'Textbeginn', pages: 'Seiten der Druckausgabe',
    colophon: 'Impressum', backTo: 'Zurück zum Verweis', source: 'Zuerst erschienen als', printer: 'Gedruckt bei', subjects: 'Schlagwörter:',
    alerts: { note: 'Hinweis', tip: 'Tipp', important: 'Wichtig', warning: 'Warnung', caution: 'Vorsicht', info: 'Info', danger: 'Gefahr' },
  },
  // French sets a narrow no-break space before a colon.
  fr: {
    part: 'Partie', next: 'À suivre\u202F:', contents: 'Table des matières', bibliography: 'Bibliographie', figure: 'Figure', table: 'Tableau', equation: 'Équation', questions: 'Questions pour la discussion', page: 'page', of: 'sur',
    landmarks: 'Repères', cover: 'Couverture', start: 'Début du texte', pages: 'Pages de l’édition imprimée',
    colophon: 'Colophon', backTo: 'Retour à l’appel', source: 'Première publication\u202F:', printer: 'Imprimé par', subjects: 'Sujets\u202F:',
    alerts: { note: 'Remarque', tip: 'Astuce', important: 'Important', warning: 'Avertissement', caution: 'Attention', info: 'Info', danger: 'Danger' },
  },
  es: {
    part: 'Parte', next: 'Siguiente:', contents: 'Índice', bibliography: 'Obras citadas', figure: 'Figura', table: 'Tabla', equation: 'Ecuación', questions: 'Preguntas para el debate', page: 'página', of: 'de',
    landmarks: 'Puntos de referencia', cover: 'Cubierta', start: 'Inicio del texto', pages: 'Páginas de la edición impresa',
    colophon: 'Colofón', backTo: 'Volver a la referencia', source: 'Publicado originalmente como', printer: 'Impreso por', subjects: 'Materias:',
    alerts: { note: 'Nota', tip: 'Consejo', important: 'Importante', warning: 'Advertencia', caution: 'Precaución', info: 'Información', danger: 'Peligro' },
  },
  it: {
    part: 'Parte', next: 'Prossima:', contents: 'Indice', bibliography: 'Opere citate', figure: 'Figura', table: 'Tabella', equation: 'Equazione', questions: 'Domande per la discussione', page: 'pagina', of: 'di',
    landmarks: 'Punti di riferimento', cover: 'Copertina', start: 'Inizio del testo', pages: 'Pagine dell’edizione a stampa',
    colophon: 'Colophon', backTo: 'Torna al richiamo', source: 'Pubblicato per la prima volta come', printer: 'Stampato da', subjects: 'Soggetti:',
    alerts: { note: 'Nota', tip: 'Suggerimento', important: 'Importante', warning: 'Avviso', caution: 'Attenzione', info: 'Informazione', danger: 'Pericolo' },
  },
  pt: {
    part: 'Parte', next: 'Próxima:', contents: 'Sumário', bibliography: 'Obras citadas', figure: 'Figura', table: 'Tabela', equation: 'Equação', questions: 'Questões para debate', page: 'página', of: 'de',
    landmarks: 'Pontos de referência', cover: 'Capa', start: 'Início do texto', pages: 'Páginas da edição impressa',
    colophon: 'Colofão', backTo: 'Voltar à referência', source: 'Publicado originalmente como', printer: 'Impresso por', subjects: 'Assuntos:',
    alerts: { note: 'Nota', tip: 'Dica', important: 'Importante', warning: 'Aviso', caution: 'Cuidado', info: 'Informação', danger: 'Perigo' },
  },
  nl: {
    part: 'Deel', next: 'Volgende:', contents: 'Inhoud', bibliography: 'Geciteerde werken', figure: 'Figuur', table: 'Tabel', equation: 'Vergelijking', questions: 'Vragen voor de discussie', page: 'pagina', of: 'van',
    landmarks: 'Oriëntatiepunten', cover: 'Omslag', start: 'Begin van de tekst', pages: 'Pagina’s van de gedrukte uitgave',
    colophon: 'Colofon', backTo: 'Terug naar verwijzing', source: 'Oorspronkelijk verschenen als', printer: 'Gedrukt door', subjects: 'Onderwerpen:',
    alerts: { note: 'Opmerking', tip: 'Tip', important: 'Belangrijk', warning: 'Waarschuwing', caution: 'Let op', info: 'Info', danger: 'Gevaar' },
  },
  ru: {
    part: 'Часть', next: 'Далее:', contents: 'Содержание', bibliography: 'Библиография', figure: 'Рисунок', table: 'Таблица', equation: 'Уравнение', questions: 'Вопросы для обсуждения', page: 'страница', of: 'из',
    landmarks: 'Ориентиры', cover: 'Обложка', start: 'Начало текста', pages: 'Страницы печатного издания',
    colophon: 'Выходные данные', backTo: 'Назад к ссылке', source: 'Впервые опубликовано:', printer: 'Отпечатано:', subjects: 'Темы:',
    alerts: { note: 'Примечание', tip: 'Совет', important: 'Важно', warning: 'Предупреждение', caution: 'Осторожно', info: 'Информация', danger: 'Опасно' },
  },
};

/** The words for a BCP 47 tag ("de-AT" → German), and the language they are in. */
export function wordsFor(lang: string): Words & { lang: string } {
  const primary = lang.toLowerCase().split('-')[0] ?? '';
  const words = WORDS[primary];
  return words ? { ...words, lang: primary } : { ...(WORDS['en'] as Words), lang: 'en' };
}
