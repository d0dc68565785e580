/**
 * ISBNs as a publisher writes them (978-3-16-148410-0, 0-306-40615-2, with or without
 * hyphens or spaces): valid when the check digit is right, ISBN-13 (EAN-13 weights 1 and
 * 3, prefix 978 or 979) or ISBN-10 (weights 10…1, mod 11, X for ten).
 */

export type IsbnCheck = { ok: true; digits: string } | { ok: false; reason: string };

export function checkIsbn(value: string): IsbnCheck {
  const digits = value.replace(/^ISBN(?:-1[03])?:?\s*/i, '').replace(/[\s-]/g, '').toUpperCase();
  if (/^\d{13}$/.test(digits)) {
    if (!/^97[89]/.test(digits)) return { ok: false, reason: `“${value}” is not an ISBN: an ISBN-13 starts with 978 or 979` };
    const sum = [...digits.slice(0, 12)].reduce((total, digit, index) => total + Number(digit) * (index % 2 === 0 ? 1 : 3), 0);
    const check = (10 - (sum % 10)) % 10;
    return check === Number(digits[12]) ? { ok: true, digits } : { ok: false, reason: `“${value}” is not a valid ISBN-13: its check digit should be ${check}, not ${digits[12]} (a digit mistyped?)` };
  }
  if (/^\d{9}[\dX]$/.test(digits)) {
    const sum = [...digits.slice(0, 9)].reduce((total, digit, index) => total + Number(digit) * (10 - index), 0);
    const check = (11 - (sum % 11)) % 11;
    const expected = check === 10 ? 'X' : String(check);
    return expected === digits[9] ? { ok: true, digits } : { ok: false, reason: `“${value}” is not a valid ISBN-10: its check digit should be ${expected}, not ${digits[9]} (a digit mistyped?)` };
  }
  return { ok: false, reason: `“${value}” is not an ISBN: an ISBN has 13 digits (or 10, the last may be X), hyphens and spaces aside` };
}
