// Where the person is: the section shown, the guide's page, and the way in chosen on the first
// start. App.svelte owns the moves (focus, announcements); the sections ask it through here.
export type Area = "agenda" | "accompagnements" | "lieux" | "documents" | "statistiques" | "parametres" | "aide";

/** The three ways in of a first start (« Premiers pas »). */
export type Way = "create" | "join" | "import";

export const nav: {
  area: Area;
  /** The guide's page to show when « Aide » opens. */
  guidePage: string | null;
  /** A way in asked for from Paramètres, opened by « Lieux et permanences ». */
  way: Way | null;
} = $state({ area: "agenda", guidePage: null, way: null });

let mover: ((next: Area) => void) | null = null;

/** App.svelte hands over its move (focus and all). */
export function setMover(move: (next: Area) => void): void {
  mover = move;
}

/** Opens a section as the navigation does. */
export function navigate(next: Area): void {
  if (mover) mover(next);
  else nav.area = next;
}
