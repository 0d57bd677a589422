// `make footprint` (scripts/footprint.sh) measures the app from outside. When it runs
// (AppInfo.measuring), the UI reports each main screen once drawn, and visits them all, so
// that memory is measured with every screen loaded; then it rests on the agenda ("idle").
import { commands } from "./api";

/** The main screens in tour order, with what shows that each one is drawn with its data. */
const TOUR: { area: string; drawn: string }[] = [
  { area: "accompagnements", drawn: "#visit-list, section[aria-labelledby='visits-title'] .empty" },
  { area: "lieux", drawn: "#site-title, .welcome" },
  { area: "documents", drawn: ".preview img, form .empty" },
  { area: "statistiques", drawn: "#stats-result" },
  { area: "parametres", drawn: "#data-title" },
];
const AGENDA_DRAWN = "#agenda-title, .welcome";

/** Resolves once `selector` matches (false after 30 s: the step is reported as missed). */
function drawn(selector: string): Promise<boolean> {
  return new Promise((resolve) => {
    if (document.querySelector(selector)) return resolve(true);
    const observer = new MutationObserver(() => {
      if (!document.querySelector(selector)) return;
      observer.disconnect();
      clearTimeout(timer);
      resolve(true);
    });
    const timer = setTimeout(() => {
      observer.disconnect();
      resolve(false);
    }, 30_000);
    observer.observe(document.body, { childList: true, subtree: true });
  });
}

async function step(name: string, selector: string): Promise<void> {
  const ok = await drawn(selector);
  // The page's own part of the start: from its navigation (`performance.timeOrigin`) to the
  // agenda in it, read before the mark's trip to the core.
  const at = performance.now();
  await commands.footprintMark(ok ? name : `${name}-missed`);
  if (ok && name === "agenda") await commands.footprintMark(`page ${at.toFixed(1)}`);
}

/** Tours the main screens; `go` opens one (the app's navigation). */
export async function tour(go: (area: string) => void): Promise<void> {
  await step("agenda", AGENDA_DRAWN);
  for (const { area, drawn: selector } of TOUR) {
    go(area);
    await step(area, selector);
  }
  go("agenda");
  await step("idle", AGENDA_DRAWN);
}
