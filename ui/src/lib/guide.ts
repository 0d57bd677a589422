// The guide's pages, read once from the Markdown built into the app, and the page that
// explains a screen.
import { files } from "virtual:guide";
import { type GuidePage, pagesOf } from "./markdown";

export const guidePages: GuidePage[] = pagesOf(files);

/** The page that explains `screen` (a section's id or a part's `data-guide`), else the first. */
export function pageFor(screen: string): string {
  return (guidePages.find((p) => p.screens.includes(screen)) ?? guidePages[0])?.slug ?? "";
}

/** The screen the person is on: the closest `data-guide` around the focus, else the section. */
export function screenOf(focused: Element | null, area: string): string {
  return focused?.closest("[data-guide]")?.getAttribute("data-guide") ?? area;
}
