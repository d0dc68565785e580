/**
 * The families a manuscript may name in `fonts:` without shipping a file: each is an
 * npm package pamphlet depends on (@fontsource: woff2 subsets of Google Fonts' TrueType
 * builds, so Chromium embeds them as TrueType subsets, never Type 3), chosen to cover
 * Latin, Cyrillic and Greek, as EB Garamond does, so a theme or a `fonts:` choice never
 * drops a script the default sets.
 */

export type FamilyKind = 'serif' | 'sans' | 'mono';

export interface BundledFamily {
  /** The family name as CSS and `fonts:` give it. */
  family: string;
  /** The npm package. */
  package: string;
  /** File names in the package start with this: files/<stem>-<subset>-<weight>-<style>.woff2. */
  stem: string;
  kind: FamilyKind;
  /** Weights the package has files for. */
  weights: readonly number[];
  italic: boolean;
}

export const BUNDLED_FAMILIES: readonly BundledFamily[] = [
  { family: 'EB Garamond', package: '@fontsource/eb-garamond', stem: 'eb-garamond', kind: 'serif', weights: [400, 500, 600, 700, 800], italic: true },
  { family: 'Noto Serif', package: '@fontsource/noto-serif', stem: 'noto-serif', kind: 'serif', weights: [400, 500, 600, 700], italic: true },
  { family: 'Source Serif 4', package: '@fontsource/source-serif-4', stem: 'source-serif-4', kind: 'serif', weights: [400, 500, 600, 700], italic: true },
  { family: 'Literata', package: '@fontsource/literata', stem: 'literata', kind: 'serif', weights: [400, 500, 600, 700], italic: true },
  { family: 'Noto Sans', package: '@fontsource/noto-sans', stem: 'noto-sans', kind: 'sans', weights: [400, 500, 600, 700], italic: true },
  { family: 'Source Sans 3', package: '@fontsource/source-sans-3', stem: 'source-sans-3', kind: 'sans', weights: [400, 500, 600, 700], italic: true },
  { family: 'Fira Sans', package: '@fontsource/fira-sans', stem: 'fira-sans', kind: 'sans', weights: [400, 500, 600, 700], italic: true },
  { family: 'IBM Plex Sans', package: '@fontsource/ibm-plex-sans', stem: 'ibm-plex-sans', kind: 'sans', weights: [400, 500, 600, 700], italic: true },
  { family: 'Noto Sans Mono', package: '@fontsource/noto-sans-mono', stem: 'noto-sans-mono', kind: 'mono', weights: [400, 500, 600, 700], italic: false },
  { family: 'JetBrains Mono', package: '@fontsource/jetbrains-mono', stem: 'jetbrains-mono', kind: 'mono', weights: [400, 500, 600, 700], italic: true },
  { family: 'Fira Mono', package: '@fontsource/fira-mono', stem: 'fira-mono', kind: 'mono', weights: [400, 500, 700], italic: false },
];

/** A bundled family by its name, case and spacing aside ("source serif 4", "Source-Serif-4"). */
export function bundledFamily(name: string): BundledFamily | undefined {
  const key = (value: string): string => value.toLowerCase().replace(/[\s_-]+/g, '');
  return BUNDLED_FAMILIES.find((family) => key(family.family) === key(name));
}

/** The nearest weight the family has to the one asked for (CSS's own matching, simplified). */
export function nearestWeight(family: BundledFamily, weight: number): number {
  return [...family.weights].sort((a, b) => Math.abs(a - weight) - Math.abs(b - weight) || a - b)[0] ?? 400;
}
