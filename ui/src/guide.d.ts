// The guide built from docs/guide/ by the `guide` plugin of vite.config.ts.
declare module "virtual:guide" {
  /** File name (« 02-prendre-un-rendez-vous.md ») → its Markdown. */
  export const files: Record<string, string>;
  /** A picture as a page links it (« ../screenshots/agenda.png ») → its URL in the bundle. */
  export const pictures: Record<string, string>;
}
