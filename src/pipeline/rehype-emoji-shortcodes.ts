/**
 * GitHub's emoji shortcodes, `:tada:`, `:construction:`, `:+1:`, as GitHub (and Pandoc's `gfm`,
 * and GitLab) print them: the emoji, from gemoji's names (GitHub's own list). READMEs and
 * changelogs write them for GitHub (free-programming-books marks its unfinished lists
 * `:construction:`), and they printed as typed. After the heading ids, which GitHub makes of
 * the shortcode as written (`# Release :rocket:` is `#release-rocket`, as READMEs' contents
 * link it). Not in code; not a name gemoji lacks (`Note:this:`); and not glued to a letter or
 * digit before it (`1:x:2`, a ratio, not ❌), where GitHub would read one.
 */
import type { Root } from 'hast';
import type { VFile } from 'vfile';
import { nameToEmoji } from 'gemoji';
import { defaultIgnore, findAndReplace } from 'hast-util-find-and-replace';

const SHORTCODE = /(?<![\p{L}\p{N}]):(\+1|[-\w]+):/gu;
const ANY_SHORTCODE = /:(?:\+1|[-\w]+):/;

export default function rehypeEmojiShortcodes() {
  return (tree: Root, file: VFile): void => {
    // A part with no `:name:` anywhere (the real manuscript) is not walked.
    if (!ANY_SHORTCODE.test(String(file.value))) return;
    findAndReplace(tree, [SHORTCODE, (whole: string, name: string) => nameToEmoji[name] ?? whole], { ignore: [...defaultIgnore, 'code', 'pre', 'kbd', 'samp'] });
  };
}
