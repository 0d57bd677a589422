// The interface's fonts are asked for by the page's head (index.html), not first found by the
// style of the first screen: they are then read before that style needs them, instead of the
// screen being set in a fallback font first (see index.html).
import { describe, expect, it } from "vitest";
import css from "../src/app.css?raw";
import html from "../index.html?raw";

// Where each file is, in the repository: app.css is in ui/src/, index.html in ui/.
const fromCss = (url: string) => new URL(url, "file:///repo/ui/src/").pathname;
const fromHtml = (href: string | null) => new URL(href ?? "", "file:///repo/ui/").pathname;

/** The font files app.css declares. */
function declared(): string[] {
  const faces = css.match(/@font-face\s*{[^}]*}/g) ?? [];
  return faces.map((face) => {
    const url = /src:\s*url\("([^"]+)"\)/.exec(face)?.[1];
    if (!url) throw new Error(`@font-face without a url: ${face}`);
    return fromCss(url);
  });
}

/** The head's preload links, as written. */
function preloads(): Element[] {
  const head = new DOMParser().parseFromString(html, "text/html").head;
  return [...head.querySelectorAll('link[rel="preload"]')];
}

describe("the interface's fonts", () => {
  it("are each preloaded by the page's head, as fonts, in the mode the style asks them in", () => {
    const fonts = declared();
    const links = preloads();
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) {
      const link = links.find((l) => fromHtml(l.getAttribute("href")) === font);
      expect(link, `no <link rel="preload"> for ${font} in index.html`).toBeDefined();
      expect(link?.getAttribute("as")).toBe("font");
      // A font is always fetched in CORS mode: a preload without `crossorigin` would not be
      // reused, and the font would be read twice.
      expect(link?.hasAttribute("crossorigin")).toBe(true);
    }
  });

  it("are the only thing preloaded: nothing a later screen needs delays the first", () => {
    const fonts = new Set(declared());
    for (const link of preloads()) expect(fonts.has(fromHtml(link.getAttribute("href")))).toBe(true);
  });
});
