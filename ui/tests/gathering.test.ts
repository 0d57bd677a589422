import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { afterEach, describe, expect, it } from "vitest";
import StatsArea from "../src/areas/Stats.svelte";
import GatheringSection from "../src/components/GatheringSection.svelte";
import { status as announced } from "../src/lib/announce.svelte";
import type { GatheredDesk, GatheringStatus, GatherReport, Stats } from "../src/lib/api";
import { defaultDeskName, deskChoices, gatherOutcome, mediatorNote, when } from "../src/lib/gathering";
import { site } from "./fixtures";

afterEach(() => {
  cleanup();
  clearMocks();
});

const neuhof: GatheredDesk = { id: 3, name: "Centre social du Neuhof", activities: 189, exportedAt: "2026-12-01T09:40:00Z" };

const report = (refused: GatherReport["refused"] = []): GatherReport => ({
  desk: neuhof.name,
  added: 188,
  updated: 0,
  unchanged: 0,
  removed: 0,
  refused,
  summary: `activites-neuhof-3f2a9c1b.json — Poste « Centre social du Neuhof » : 188 activité(s) ajoutée(s), 0 mise(s) à jour, 0 inchangée(s), 0 retirée(s), ${refused.length} refusée(s).`,
});

describe("the wording of gathering", () => {
  it("offers the « Poste » filter only once a desk was gathered", () => {
    expect(deskChoices([])).toEqual([]);
    expect(deskChoices([neuhof])).toEqual([
      { value: null, label: "Tous les postes" },
      { value: 0, label: "Ce poste" },
      { value: 3, label: "Centre social du Neuhof" },
    ]);
  });

  it("says when a team member leaves the other desks out", () => {
    expect(mediatorNote([], null, 7), "nothing gathered: nothing to say").toBeNull();
    expect(mediatorNote([neuhof], null, null)).toBeNull();
    expect(mediatorNote([neuhof], null, 7)).toMatch(/seules les activités de ce poste/);
    expect(mediatorNote([neuhof], 3, 7)).toMatch(/Choisissez «\u00a0Toute l'équipe\u00a0»/);
  });

  it("sums up an import, and an import that found nothing new", () => {
    expect(gatherOutcome([])).toBe("Aucun fichier nouveau ou modifié dans le dossier : rien à importer.");
    expect(gatherOutcome([report()])).toBe("1 fichier de poste importé.");
    const refused = [{ line: 4, message: "Activité 4 : la durée doit être entre 1 et 600 minutes." }];
    expect(gatherOutcome([report(refused), report()])).toBe("2 fichiers de postes importés, 1 activité refusée (détail ci-dessous).");
  });

  it("writes an instant as the core does, in Paris time", () => {
    expect(when("2026-12-01T09:40:00Z")).toBe("1er décembre 2026 à 10\u00a0h\u00a040");
    expect(when("2026-11-30T08:00:00Z")).toBe("30 novembre 2026 à 9\u00a0h");
    expect(when("2026-07-14T22:05:00Z"), "summer time, the next day in Paris").toBe("15 juillet 2026 à 0\u00a0h\u00a005");
  });

  it("names the default desk as the core does", () => {
    expect(defaultDeskName("activites-poste-3f2a9c1b-3f2a9c1b.json")).toBe("«\u00a0Poste 3f2a9c1b\u00a0»");
    expect(defaultDeskName("")).toBe("«\u00a0Poste\u00a0» et un numéro");
  });
});

function gatheringStatus(over: Partial<GatheringStatus> = {}): GatheringStatus {
  return {
    settings: { folder: "/srv/partage/activites", writeOwn: true, readOthers: true, deskName: "Coordination" },
    ownFile: "activites-coordination-0a1b2c3d.json",
    writtenAt: "2026-12-01T09:41:00Z",
    scannedAt: "2026-12-01T09:41:00Z",
    lastError: null,
    desks: [],
    ...over,
  };
}

describe("Réseau : collecte des activités", () => {
  it("saves the settings, an emptied name and folder as the core expects", async () => {
    const saved: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "gathering_status") return gatheringStatus();
      if (cmd === "set_gathering_settings") {
        saved.push((args as { settings: unknown }).settings);
        return gatheringStatus({ settings: { folder: null, writeOwn: false, readOthers: false, deskName: "" } });
      }
      return null;
    });
    render(GatheringSection);
    const folder = (await screen.findByLabelText("Dossier partagé")) as HTMLInputElement;
    await waitFor(() => expect(folder.value).toBe("/srv/partage/activites"));
    expect(screen.getByText("activites-coordination-0a1b2c3d.json")).toBeTruthy();
    // (getByText folds non-breaking spaces into plain ones.)
    expect(screen.getByText(/écrit le 1er décembre 2026 à 10 h 41/)).toBeTruthy();

    await fireEvent.input(folder, { target: { value: "   " } });
    await fireEvent.input(screen.getByLabelText("Nom de ce poste"), { target: { value: "" } });
    await fireEvent.click(screen.getByLabelText(/rassemble les activités des autres postes/));
    await fireEvent.click(screen.getByRole("button", { name: "Enregistrer ces réglages" }));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]).toEqual({ folder: null, writeOwn: true, readOthers: false, deskName: "" });
    // Stopped: no folder, so nothing to import from it.
    await waitFor(() => expect(screen.queryByRole("button", { name: "Importer maintenant" })).toBeNull());
  });

  it("shows a refused folder next to the field", async () => {
    mockIPC((cmd) => {
      if (cmd === "gathering_status") return gatheringStatus({ settings: { folder: null, writeOwn: false, readOthers: false, deskName: "" } });
      if (cmd === "set_gathering_settings") {
        throw { kind: "validation", field: "folder", message: "Dossier : « /nulle/part » n'existe pas. Choisissez un dossier existant." };
      }
      return null;
    });
    render(GatheringSection);
    const folder = (await screen.findByLabelText("Dossier partagé")) as HTMLInputElement;
    await waitFor(() => expect(folder.disabled).toBe(false));
    await fireEvent.input(folder, { target: { value: "/nulle/part" } });
    await fireEvent.click(screen.getByRole("button", { name: "Enregistrer ces réglages" }));
    const message = await screen.findByText(/« \/nulle\/part » n'existe pas/);
    expect(message.id).toBe("gather-folder-error");
    expect(folder.getAttribute("aria-invalid")).toBe("true");
    expect(folder.getAttribute("aria-describedby")).toContain("gather-folder-error");
    expect(screen.getByRole("alert").textContent).toContain("Lisez le message sous le champ à corriger");
  });

  it("imports the folder now, then lists the desk, its summary and its refused activities", async () => {
    let desks: GatheredDesk[] = [];
    const refused = [{ line: 4, message: "Activité 4 : la durée doit être entre 1 et 600 minutes." }];
    mockIPC((cmd) => {
      if (cmd === "gathering_status") return gatheringStatus({ desks });
      if (cmd === "gather_now") {
        desks = [neuhof];
        return [report(refused)];
      }
      return null;
    });
    render(GatheringSection);
    expect(await screen.findByText(/Aucun poste rassemblé ici/)).toBeTruthy();
    await fireEvent.click(await screen.findByRole("button", { name: "Importer maintenant" }));

    const table = await screen.findByRole("table", { name: /Postes dont les activités sont rassemblées/ });
    const row = within(table).getByRole("row", { name: /Centre social du Neuhof/ });
    expect(row.textContent).toContain("189");
    expect(row.textContent).toContain("1er décembre 2026 à 10\u00a0h\u00a040");
    const status = screen.getByRole("status");
    expect(status.textContent).toContain("1 fichier de poste importé, 1 activité refusée");
    expect(status.textContent).toContain("188 activité(s) ajoutée(s)");
    const list = within(status).getByRole("list", { name: /Activités refusées, poste « Centre social du Neuhof »/ });
    expect(within(list).getByRole("listitem").textContent).toBe("Activité 4 : la durée doit être entre 1 et 600 minutes.");
  });

  it("says when the folder held nothing new, and shows the last error as an alert", async () => {
    mockIPC((cmd) => {
      if (cmd === "gathering_status") return gatheringStatus({ lastError: "Lecture des fichiers d'activités de /srv/partage/activites impossible : dossier introuvable" });
      if (cmd === "gather_now") return [];
      return null;
    });
    render(GatheringSection);
    expect((await screen.findByRole("alert")).textContent).toContain("dossier introuvable");
    await fireEvent.click(await screen.findByRole("button", { name: "Importer maintenant" }));
    expect(await screen.findByText("Aucun fichier nouveau ou modifié dans le dossier : rien à importer.")).toBeTruthy();
  });

  it("imports one desk's file, and a cancelled choice changes nothing", async () => {
    let answer: GatherReport[] | null = null;
    mockIPC((cmd) => {
      if (cmd === "gathering_status") return gatheringStatus({ settings: { folder: null, writeOwn: false, readOthers: false, deskName: "" } });
      if (cmd === "import_activities") return answer;
      return null;
    });
    render(GatheringSection);
    const button = await screen.findByRole("button", { name: "Importer un fichier d'un poste…" });
    expect(screen.queryByRole("button", { name: "Importer maintenant" }), "no folder to read").toBeNull();
    await fireEvent.click(button);
    await waitFor(() => expect((button as HTMLButtonElement).disabled).toBe(false));
    expect(screen.getByRole("status").textContent?.trim()).toBe("");
    answer = [report()];
    await fireEvent.click(button);
    expect(await screen.findByText(/188 activité\(s\) ajoutée\(s\)/)).toBeTruthy();
  });
});

const stats: Stats = {
  period: "du 1er novembre 2026 au 30 novembre 2026", scope: "Tout le réseau", team: "Toute l'équipe",
  people: 11, peopleFollowed: 2, peopleAnonymous: 9, peopleNew: 2, peopleReturning: 3, visits: 6, individualVisits: 5,
  workshops: 1, workshopParticipants: 8, minutes: 305, hours: "5 h 05",
  themes: [], procedures: [], durations: [], places: [], ageBrackets: [], socialStatuses: [], genders: [],
  appointments: { booked: 3, honoured: 1, noShow: 1, cancelled: 1, pending: 0, noShowRate: "50 %" },
  figures: [{ label: "Personnes accompagnées", value: "11", detail: "dont 2 suivies, 9 anonymes" }],
};

describe("Statistiques of a network", () => {
  it("filters by desk and exports this desk's activities for the Coop", async () => {
    const calls: { cmd: string; args: Record<string, unknown> }[] = [];
    mockIPC((cmd, args) => {
      calls.push({ cmd, args: args as Record<string, unknown> });
      if (cmd === "stats_period") return { from: "2026-11-01", to: "2026-11-30" };
      if (cmd === "gathering_status") return gatheringStatus({ desks: [neuhof] });
      if (cmd === "export_activities") return { path: "/tmp/coop-numerique_accompagnements_2026-12-01.xlsx", summary: "6 activités", warnings: [] };
      return ({ list_sites: [site], list_mediators: [], activity_stats: stats } as Record<string, unknown>)[cmd] ?? null;
    });
    render(StatsArea, { today: "2026-12-01" });
    const desk = (await screen.findByLabelText("Poste")) as HTMLSelectElement;
    expect([...desk.options].map((o) => o.text)).toEqual(["Tous les postes", "Ce poste", "Centre social du Neuhof"]);
    await screen.findByText(/du 1er novembre 2026/);
    const asked = () => calls.filter((c) => c.cmd === "activity_stats").map((c) => (c.args.query as { deskId: unknown }).deskId);
    expect(asked()).toEqual([null]);

    desk.selectedIndex = 2;
    await fireEvent.change(desk);
    // Recomputed after a 250 ms pause; a loaded machine may take longer.
    await waitFor(() => expect(asked()).toEqual([null, 3]), { timeout: 3000 });

    await fireEvent.click(screen.getByLabelText(/Inclure les noms/));
    await fireEvent.click(screen.getByRole("button", { name: "Exporter pour la Coop (.xlsx)" }));
    await waitFor(() => expect(calls.some((c) => c.cmd === "export_activities")).toBe(true));
    expect(calls.find((c) => c.cmd === "export_activities")?.args.request).toEqual({
      format: "xlsx",
      from: "2026-11-01",
      to: "2026-11-30",
      siteId: null,
      mediatorId: null,
      personal: true,
    });
    await waitFor(() => expect(announced.text).toBe("Fichier enregistré : /tmp/coop-numerique_accompagnements_2026-12-01.xlsx (6 activités)."));
    expect(screen.getByText(/Les fichiers pour la Coop contiennent les activités de ce poste seulement/)).toBeTruthy();
  });
});
