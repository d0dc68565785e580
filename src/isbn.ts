/** ISBN-10 and ISBN-13, checked by their check digit (a typo in an ISBN names another book). */

/** The ISBN's digits (and a final X for ISBN-10), or null when it is not a valid ISBN. */
export function isbnDigits(value: string): string | null {
  const digits = value.replace(/^ISBN(?:-1[03])?:?\s*/i, '').replace(/[\s-]/g, '').toUpperCase();
  if (/^\d{9}[\dX]$/.test(digits)) {
    const sum = [...digits].reduce((total, ch, i) => total + (10 - i) * (ch === 'X' ? 10 : Number(ch)), 0);
    return sum % 11 === 0 ? digits : null;
  }
  if (/^97[89]\d{10}$/.test(digits)) {
    const sum = [...digits].reduce((total, ch, i) => total + (i % 2 === 0 ? 1 : 3) * Number(ch), 0);
    return sum % 10 === 0 ? digits : null;
  }
  return null;
}
