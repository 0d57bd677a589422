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

/** Reports the screen once drawn; resolves to when it was drawn (`performance.now()`, from
 * the page's navigation), or null if it was not. */
async function step(name: string, selector: string): Promise<number | null> {
  const ok = await drawn(selector);
  const at = performance.now();
  await commands.footprintMark(ok ? name : `${name}-missed`);
  return ok ? at : null;
}

/** Tours the main screens; `go` opens one (the app's navigation). */
export async function tour(go: (area: string) => void): Promise<void> {
  // The page's own part of the start: from its navigation to the agenda in it, read before
  // the mark's trip to the core.
  const agenda = await step("agenda", AGENDA_DRAWN);
  if (agenda !== null) await commands.footprintMark(`page ${agenda.toFixed(1)}`);
  for (const { area, drawn: selector } of TOUR) {
    go(area);
    await step(area, selector);
  }
  go("agenda");
  await step("idle", AGENDA_DRAWN);
}
