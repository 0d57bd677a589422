// French plurals in one place (the core's `fr::plural` and `fr::count` for the screens):
// none for 0 and 1, as French counts them.

/** "s" after a count above one: `personne${plural(n)}`. */
export const plural = (n: number): string => (n > 1 ? "s" : "");

/** A count with its noun in the right number: `count(3, "lieu", "lieux")` is "3 lieux". */
export const count = (n: number, one: string, many: string): string => `${n} ${n > 1 ? many : one}`;

/**
 * A whole number with its digits grouped by three, as French writes them: `grouped(12345)` is
 * "12 345", with the narrow no-break space that `toLocaleString("fr-FR")` puts there. Written
 * here rather than asked of the browser's locale data: the first call of that loads about
 * 2 MB of ICU into the window, for one number on the settings screen.
 */
export const grouped = (n: number): string => String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, "\u202f");

/**
 * Names made unique for screen readers: a name given to several things gets « (1 sur 2) »,
 * « (2 sur 2) » in order, so that each button of a list says which one it is.
 */
export function distinct(names: string[]): string[] {
  const total = new Map<string, number>();
  for (const n of names) total.set(n, (total.get(n) ?? 0) + 1);
  const seen = new Map<string, number>();
  return names.map((n) => {
    const of = total.get(n) ?? 1;
    if (of === 1) return n;
    const rank = (seen.get(n) ?? 0) + 1;
    seen.set(n, rank);
    return `${n} (${rank} sur ${of})`;
  });
}

/**
 * A date as the forms show and a screen reader reads it, `08/12/2026`, from the core's
 * `2026-12-08` (the core reads both); anything else is left as it is.
 */
export function dayMonthYear(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date.trim());
  return m ? `${m[3]}/${m[2]}/${m[1]}` : date;
}
