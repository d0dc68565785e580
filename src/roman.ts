/** Part numbers are shown in Roman numerals ("Part II"), as series titles usually are. */
export function toRoman(value: number): string {
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
