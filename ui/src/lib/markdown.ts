// The guide's pages (docs/guide/*.md) read into blocks the Svelte page draws itself: no HTML
// string is ever injected. The Markdown is the small part the guide uses — headings, paragraphs,
// lists, pictures, **bold**, `keys` and [links](page.md) — and nothing else; the core's PDF
// reads the same part (src/documents/guide.rs). Anything else stays plain text.

export type Inline =
  | { kind: "text"; text: string }
  | { kind: "strong"; text: string }
  | { kind: "key"; text: string }
  | { kind: "link"; text: string; href: string };

export type Block =
  | { kind: "heading"; level: 1 | 2 | 3; text: string }
  | { kind: "paragraph"; inlines: Inline[] }
  | { kind: "list"; ordered: boolean; items: Inline[][] }
  | { kind: "picture"; alt: string; src: string };

/** A guide page: its file's slug, its title (the `#` heading), the screens it explains. */
export interface GuidePage {
  slug: string;
  title: string;
  screens: string[];
  blocks: Block[];
  /** Its words, lower-cased and without accents, for the search. */
  words: string;
}

/** Splits a line of text into plain runs, **bold**, `keys` and [links](target). */
export function inlines(text: string): Inline[] {
  const out: Inline[] = [];
  const pattern = /\*\*(.+?)\*\*|`([^`]+)`|\[([^\]]+)\]\(([^)\s]+)\)/g;
  let last = 0;
  for (const m of text.matchAll(pattern)) {
    const at = m.index ?? 0;
    if (at > last) out.push({ kind: "text", text: text.slice(last, at) });
    if (m[1] !== undefined) out.push({ kind: "strong", text: m[1] });
    else if (m[2] !== undefined) out.push({ kind: "key", text: m[2] });
    else out.push({ kind: "link", text: m[3], href: m[4] });
    last = at + m[0].length;
  }
  if (last < text.length) out.push({ kind: "text", text: text.slice(last) });
  return out;
}

/** Reads one page's Markdown into blocks; `screens` comes from its `<!-- écran : a, b -->`. */
export function parse(markdown: string): { title: string; screens: string[]; blocks: Block[] } {
  const blocks: Block[] = [];
  let title = "";
  let screens: string[] = [];
  let paragraph: string[] = [];
  let list: { ordered: boolean; items: string[] } | null = null;

  const flush = () => {
    if (paragraph.length) blocks.push({ kind: "paragraph", inlines: inlines(paragraph.join(" ")) });
    paragraph = [];
    if (list) blocks.push({ kind: "list", ordered: list.ordered, items: list.items.map(inlines) });
    list = null;
  };

  for (const raw of markdown.split(/\r?\n/)) {
    const line = raw.trimEnd();
    const comment = /^<!--\s*écrans?\s*:\s*(.*?)\s*-->$/.exec(line.trim());
    const heading = /^(#{1,3})\s+(.*)$/.exec(line);
    const picture = /^!\[([^\]]*)\]\(([^)\s]+)\)$/.exec(line.trim());
    const item = /^(?:([-*])|(\d+)\.)\s+(.*)$/.exec(line);
    if (comment) {
      flush();
      screens = comment[1].split(",").map((s) => s.trim()).filter(Boolean);
    } else if (line.trim() === "") {
      flush();
    } else if (heading) {
      flush();
      const level = heading[1].length as 1 | 2 | 3;
      if (level === 1 && !title) title = heading[2].trim();
      blocks.push({ kind: "heading", level, text: heading[2].trim() });
    } else if (picture) {
      flush();
      blocks.push({ kind: "picture", alt: picture[1], src: picture[2] });
    } else if (item) {
      const ordered = item[2] !== undefined;
      if (paragraph.length || (list && list.ordered !== ordered)) flush();
      list ??= { ordered, items: [] };
      list.items.push(item[3]);
    } else if (list && /^\s+\S/.test(raw)) {
      // A continuation line of the last item.
      list.items[list.items.length - 1] += ` ${line.trim()}`;
    } else {
      if (list) flush();
      paragraph.push(line.trim());
    }
  }
  flush();
  return { title, screens, blocks };
}

/** Lower case, accents removed: « Échap » is found by « echap ». */
export function fold(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

/** The words of a block, as the search reads them. */
function wordsOf(block: Block): string {
  const flat = (xs: Inline[]) => xs.map((x) => x.text).join("");
  switch (block.kind) {
    case "heading":
      return block.text;
    case "paragraph":
      return flat(block.inlines);
    case "list":
      return block.items.map(flat).join(" ");
    case "picture":
      return block.alt;
  }
}

/** The guide's pages from their files (path → Markdown), in the order of their names. */
export function pagesOf(files: Record<string, string>): GuidePage[] {
  return Object.keys(files)
    .sort()
    .map((path) => {
      const slug = (path.split("/").pop() ?? path).replace(/\.md$/, "");
      const { title, screens, blocks } = parse(files[path]);
      return { slug, title, screens, blocks, words: fold(blocks.map(wordsOf).join(" ")) };
    });
}

/** The pages that hold every word of `query` (accents and case ignored), best first. */
export function search(pages: GuidePage[], query: string): GuidePage[] {
  const terms = fold(query).split(/\s+/).filter(Boolean);
  if (!terms.length) return pages;
  const score = (p: GuidePage) => terms.reduce((n, t) => n + (fold(p.title).includes(t) ? 10 : 0) + p.words.split(t).length - 1, 0);
  return pages.filter((p) => terms.every((t) => p.words.includes(t))).sort((a, b) => score(b) - score(a));
}

/** The page a link inside the guide points to (`07-partager.md` → its slug), or null. */
export function linkedSlug(href: string): string | null {
  const m = /^(?:\.\/)?([\w-]+)\.md(?:#.*)?$/.exec(href);
  return m ? m[1] : null;
}
