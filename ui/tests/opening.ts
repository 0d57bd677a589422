// The core's `open_agenda`, composed from a test's own answers for the commands it replaces
// (app_info, list_sites, list_mediators, vocabularies, agenda), so that each test mocks the
// data it is about and not the one-trip shape of the first screen. The site it opens on follows
// the core's rule (scheduling::agenda::opening_site, tested there); a test that answers
// `open_agenda` itself gets its own answer.
type Handler = (cmd: string, args?: unknown) => unknown;
type Args = { remembered?: string | null; perGrid?: number };

const blankInfo = { version: "0.2.0", license: "AGPL-3.0-or-later", dbPath: "", dbError: null, measuring: false, locked: false, today: "2026-12-01" };

function ask(handler: Handler, cmd: string, args: unknown): Promise<unknown> {
  try {
    return Promise.resolve(handler(cmd, args));
  } catch (e) {
    return Promise.reject(e);
  }
}

export function openingSite(ids: number[], remembered: string | null, perGrid: number): number | null {
  if (remembered === "all") return null;
  const kept = ids.find((id) => String(id) === remembered);
  if (kept !== undefined) return kept;
  return ids.length === 1 || ids.length > perGrid ? ids[0] : null;
}

export async function openingOf(handler: Handler, args: Args): Promise<unknown> {
  const own = await ask(handler, "open_agenda", args).catch(() => null);
  if (own !== null && own !== undefined) return own;
  const info = ((await ask(handler, "app_info", {})) ?? blankInfo) as { locked: boolean; dbError: unknown };
  const vocabularies = await ask(handler, "vocabularies", {});
  if (info.locked || info.dbError) return { info, anySite: false, sites: [], mediators: [], vocabularies, siteId: null, agenda: null };
  const sites = ((await ask(handler, "list_sites", { includeArchived: false })) ?? []) as { id: number }[];
  const all = ((await ask(handler, "list_sites", { includeArchived: true })) ?? sites) as unknown[];
  const mediators = (await ask(handler, "list_mediators", { includeArchived: false })) ?? [];
  const siteId = openingSite(sites.map((s) => s.id), args.remembered ?? null, args.perGrid ?? 5);
  const agenda = (await ask(handler, "agenda", { siteId, date: null, span: "day" })) ?? null;
  return { info, anySite: all.length > 0, sites, mediators, vocabularies, siteId, agenda };
}
