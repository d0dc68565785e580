/**
 * Alt text an editor writes for the author, which says nothing of the picture: Notion's export
 * (`![Untitled](Untitled 1.png)`), GitHub's upload (`![image](…)`), VS Code's paste (`![alt
 * text](image.png)`), Typora's (`![image-20231010153000123](…)`), and the file's own name. A
 * warning where the part is read (remark-safety.ts), and no claim in the EPUB's accessibility
 * summary that every picture has a text alternative (epub/images.ts).
 */
export function isPlaceholderAlt(alt: string, url: string): boolean {
  const words = alt.trim().toLowerCase();
  if (/^(?:untitled(?: \d+)?|image|img|alt text|image-\d{8,})$/.test(words)) return true;
  let name: string;
  try {
    name = decodeURIComponent(url.replace(/[?#].*$/, '').split('/').pop() ?? '').toLowerCase();
  } catch {
    return false;
  }
  return name !== '' && (words === name || words === name.replace(/\.[a-z0-9]+$/, ''));
}
