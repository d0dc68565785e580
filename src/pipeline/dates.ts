/**
 * Front matter dates, read as written and checked against the calendar. A date that is no
 * day (`2021-13-45`, `2021-02-30`) passed `check` until 2026-12-06 and then stopped `build`
 * in the PDF's metadata with no place, or went into the EPUB as written while the PDF said
 * 2 March. Date-times are accepted as Hugo (`2021-11-18T10:00:00Z`) and Jekyll
 * (`2021-11-18 10:00:00 +0000`) write them in front matter.
 */

const DATE_TIME = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)? ?(Z|[+-]\d{2}:?\d{2})?)?)?)?$/;

/**
 * The calendar date `text` names, as written (YYYY, YYYY-MM or YYYY-MM-DD, whatever the time
 * zone after it says), or undefined where it is not one (wrong form, or no such day or time).
 */
export function readDate(text: string): string | undefined {
  const match = DATE_TIME.exec(text.trim());
  if (!match) return undefined;
  const [, year, month, day, hours, minutes, seconds, zone] = match;
  if (Number(year) < 1) return undefined;
  if (month !== undefined && (Number(month) < 1 || Number(month) > 12)) return undefined;
  if (day !== undefined && (Number(day) < 1 || Number(day) > daysIn(Number(year), Number(month)))) return undefined;
  if (hours !== undefined && (Number(hours) > 23 || Number(minutes) > 59 || Number(seconds ?? 0) > 59)) return undefined;
  if (zone && zone !== 'Z' && (Number(zone.slice(1, 3)) > 14 || Number(zone.slice(-2)) > 59)) return undefined;
  return [year, month, day].filter((part) => part !== undefined).join('-');
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
