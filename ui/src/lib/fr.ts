// French plurals in one place (the core's `fr::plural` and `fr::count` for the screens):
// none for 0 and 1, as French counts them.

/** "s" after a count above one: `personne${plural(n)}`. */
export const plural = (n: number): string => (n > 1 ? "s" : "");

/** A count with its noun in the right number: `count(3, "lieu", "lieux")` is "3 lieux". */
export const count = (n: number, one: string, many: string): string => `${n} ${n > 1 ? many : one}`;
