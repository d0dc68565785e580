/** The highest part number: a series is never longer, and its numeral stays short (MMMMMMMMMCMXCIX). */
export const MAX_PART = 9999;

/**
 * Part numbers are shown in Roman numerals ("Part II"), as series titles usually are.
 * Refuses what it cannot write instead of looping: `1e308` would take longer than
 * memory lasts, one "M" per thousand.
 */
export function toRoman(value: number): string {
  if (!Number.isInteger(value) || value < 1 || value > MAX_PART) {
    throw new RangeError(`a part number is a whole number from 1 to ${MAX_PART}, not ${value}`);
  }
  const table: Array<[number, string]> = [
    [1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'],
    [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I'],
  ];
  let rest = value;
  let out = '';
  for (const [n, numeral] of table) {
    while (rest >= n) {
      out += numeral;
      rest -= n;
    }
  }
  return out;
}
