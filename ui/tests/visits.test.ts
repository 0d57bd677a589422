import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { cleanup, fireEvent, render, screen, within } from "@testing-library/svelte";
import { afterEach, describe, expect, it } from "vitest";
import StatsArea from "../src/areas/Stats.svelte";
import VisitDialog from "../src/components/VisitDialog.svelte";
import type { Stats, Term, VisitInput, VisitVocabularies } from "../src/lib/api";
import { site, vocab } from "./fixtures";

afterEach(() => {
  cleanup();
  clearMocks();
});

const option = (code: string, label: string) => ({ code, label });
const visitVocab: VisitVocabularies = {
  kinds: [option("individuel", "Accompagnement individuel"), option("collectif", "Atelier collectif")],
  placeTypes: [option("lieu_activite", "Lieu d’activité"), option("a_distance", "À distance")],
  materials: [option("ordinateur", "Ordinateur"), option("telephone", "Téléphone")],
  autonomy: [option("autonome", "Autonome")],
  redirections: [option("administration", "Administration (mairie, préfecture…)")],
  workshopLevels: [option("debutant", "Débutant")],
  ageBrackets: [option("non_communique", "Non communiqué"), option("soixante_dix_plus", "70 ans et plus")],
  socialStatuses: [option("non_communique", "Non communiqué ou hétérogène")],
  genders: [option("non_communique", "Non communiqué")],
  durationPresets: [15, 30, 45, 60, 90, 120],
};
const term = (id: number, vocabulary: "theme" | "procedure", code: string, label: string): Term => ({
  id, vocabulary, code, label, national: true, archived: false,
});
const terms: Term[] = [
  term(1, "theme", "email", "E-mail"),
  term(2, "theme", "aide_aux_demarches_administratives", "Aide aux démarches administratives"),
  term(3, "procedure", "argent_impots", "Argent - Impôts"),
];
const draft: VisitInput = {
  kind: "individuel", date: "2027-03-30", time: "14:30", durationMinutes: 30, placeType: "lieu_activite", siteId: 1,
  placeCommune: null, placePostcode: null, mediatorId: 3, themes: ["aide_aux_demarches_administratives"], procedures: [],
  reason: "caf", procedureDetails: null, materials: [], autonomy: null, redirectedTo: null, followUp: false, notes: null,
  beneficiaryId: null, profile: { ageBracket: "non_communique", socialStatus: "non_communique", gender: "non_communique", postcode: null, commune: null },
  firstVisit: false, workshopTitle: null, workshopLevel: null, participants: 1, participantIds: [], appointmentId: 7, createdBy: null,
};
const mediators = [{ id: 3, name: "Samia Benali", phone: null, email: null, archived: false, siteIds: [1] }];

describe("Recording a visit", () => {
  it("asks whom it was for first, shows the core's refusal at the themes, then saves two themes and the autonomy", async () => {
    const sent: VisitInput[] = [];
    let saved: unknown = null;
    mockIPC((cmd, args) => {
      if (cmd !== "record_visit") return null;
      const input = (args as { input: VisitInput }).input;
      sent.push(input);
      if (sent.length === 1) throw { kind: "validation", field: "themes", message: "Cochez au moins un thème : de quoi s'agissait-il ?" };
      return { id: 1, day: "mardi 30 mars 2027" };
    });
    render(VisitDialog, {
      initial: { ...draft, themes: [] }, sites: [site], mediators, terms, vocab, visitVocab,
      onsaved: (v: unknown) => (saved = v), oncancel: () => {},
    });
    const dialog = await screen.findByRole("dialog");
    expect(within(dialog).queryByText("Démarches administratives"), "procedures wait for their theme").toBeNull();
    const save = within(dialog).getByRole("button", { name: "Enregistrer l'accompagnement" });
    await fireEvent.click(save);
    expect((await within(dialog).findByText(/Dites d'abord qui vous avez accompagné/)).id).toBe("visit-who-error");
    expect(sent, "an unanswered form is not sent").toHaveLength(0);
    expect(within(dialog).queryByLabelText(/Atelier collectif/), "an appointment is for one person").toBeNull();
    await fireEvent.click(within(dialog).getByLabelText(/^Anonyme/));
    await fireEvent.click(save);
    expect((await within(dialog).findByText(/Cochez au moins un thème/, { selector: "#visit-themes-error" })).id).toBe("visit-themes-error");
    await fireEvent.click(within(dialog).getByLabelText("E-mail"));
    await fireEvent.click(within(dialog).getByLabelText("Aide aux démarches administratives"));
    await fireEvent.click(within(dialog).getByLabelText("Argent - Impôts"));
    await fireEvent.click(within(dialog).getByLabelText("Autonome"));
    await fireEvent.click(save);
    await new Promise((r) => setTimeout(r, 0));
    expect(saved).toEqual({ id: 1, day: "mardi 30 mars 2027" });
    const last = sent[1];
    expect(last.themes).toEqual(["email", "aide_aux_demarches_administratives"]);
    expect(last.procedures).toEqual(["argent_impots"]);
    expect(last.autonomy).toBe("autonome");
    expect(last.appointmentId).toBe(7);
    expect(last.beneficiaryId, "anonymous, as answered").toBeNull();
  });

  it("opens on the anonymous / followed choice with no answer pre-selected", async () => {
    const blank: VisitInput = { ...draft, durationMinutes: 0, placeType: null, siteId: null, themes: [], reason: null, appointmentId: null };
    render(VisitDialog, { initial: blank, sites: [site], mediators, terms, vocab, visitVocab, onsaved: () => {}, oncancel: () => {} });
    const dialog = await screen.findByRole("dialog");
    const first = within(dialog).getByLabelText(/^Anonyme/);
    expect(document.activeElement, "the first question has the focus").toBe(first);
    const fields = [...dialog.querySelectorAll("input, select, textarea")];
    expect(fields[0], "« Anonyme » comes before any other field").toBe(first);
    expect(within(dialog).getByLabelText(/^Personne suivie/)).toBeTruthy();
    expect(within(dialog).getByLabelText(/^Atelier collectif/)).toBeTruthy();
    const checked = [...dialog.querySelectorAll<HTMLInputElement>("input[type=radio], input[type=checkbox]")].filter((i) => i.checked);
    expect(checked, "no box or dot ticked for the mediator").toEqual([]);
    const duration = within(dialog).getByLabelText(/^Durée/) as HTMLSelectElement;
    expect(duration.selectedOptions[0].textContent).toBe("Choisir…");
    expect(within(dialog).getByText("Durée").parentElement?.textContent).toContain("(obligatoire)");
    const place = within(dialog).getByLabelText(/^Type de lieu/) as HTMLSelectElement;
    expect(place.selectedOptions[0].textContent).toBe("Choisir…");
    expect(within(dialog).queryByLabelText("Tranche d'âge"), "the profile waits for « Anonyme »").toBeNull();
    await fireEvent.click(first);
    for (const label of ["Tranche d'âge", "Situation", "Genre"]) {
      const select = within(dialog).getByLabelText(label) as HTMLSelectElement;
      expect(select.selectedOptions[0].textContent, `${label} starts unanswered`).toBe("Non renseigné");
      expect([...select.options].filter((o) => o.value === "non_communique"), "one way to say « not given »").toHaveLength(1);
    }
    expect(within(dialog).queryByText("Non communiqué ou hétérogène")).toBeNull();
  });

  it("keeps save and cancel in a footer outside the scrolling form, and refuses a followed person not chosen", async () => {
    const sent: VisitInput[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "record_visit") sent.push((args as { input: VisitInput }).input);
      return cmd === "search_beneficiaries" ? [] : null;
    });
    let cancelled = false;
    render(VisitDialog, {
      initial: { ...draft, appointmentId: null }, sites: [site], mediators, terms, vocab, visitVocab,
      onsaved: () => {}, oncancel: () => (cancelled = true),
    });
    const dialog = await screen.findByRole("dialog");
    const footer = dialog.querySelector(".dialog-footer");
    const save = within(dialog).getByRole("button", { name: "Enregistrer l'accompagnement" }) as HTMLButtonElement;
    expect(footer?.contains(save), "save stays in the footer").toBe(true);
    expect(dialog.querySelector(".dialog-body")?.contains(save)).toBe(false);
    expect(save.form?.id, "the footer's button submits the form").toBe("visit-form");
    await fireEvent.click(within(dialog).getByLabelText(/^Personne suivie/));
    await fireEvent.click(save);
    const search = within(dialog).getByLabelText("Son nom");
    expect(search.getAttribute("aria-invalid")).toBe("true");
    expect(await within(dialog).findByText(/Cherchez la personne suivie/, { selector: "p.error" })).toBeTruthy();
    expect(sent, "no visit without its person").toHaveLength(0);
    await fireEvent.click(within(footer as HTMLElement).getByRole("button", { name: "Annuler" }));
    expect(cancelled).toBe(true);
  });
});

const stats: Stats = {
  period: "du 1er mars 2027 au 31 mars 2027", scope: "Tout le réseau", team: "Toute l'équipe",
  people: 11, peopleFollowed: 2, peopleAnonymous: 9, peopleNew: 2, peopleReturning: 3, visits: 6, individualVisits: 5,
  workshops: 1, workshopParticipants: 8, minutes: 305, hours: "5 h 05",
  themes: [{ code: "email", label: "E-mail", count: 4, share: "66,7 %" }],
  procedures: [], durations: [], places: [], ageBrackets: [], socialStatuses: [],
  genders: [
    { code: "masculin", label: "Masculin", count: 2, share: "18,2 %" },
    { code: "feminin", label: "Féminin", count: 3, share: "27,3 %" },
    { code: "non_renseigne", label: "Non renseigné", count: 6, share: "54,5 %" },
  ],
  appointments: { booked: 3, honoured: 1, noShow: 1, cancelled: 1, pending: 0, noShowRate: "50 %" },
  figures: [{ label: "Personnes accompagnées", value: "11", detail: "dont 2 suivies, 9 anonymes" }],
};

describe("Statistics", () => {
  it("recompute when a filter changes, once for a quick run of changes, the latest answer shown", async () => {
    const asked: (number | null)[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "stats_period") return { from: "2027-03-01", to: "2027-03-31" };
      if (cmd === "activity_stats") {
        const siteId = (args as { query: { siteId: number | null } }).query.siteId;
        asked.push(siteId);
        return { ...stats, scope: siteId === null ? "Tout le réseau" : site.name };
      }
      return ({ list_sites: [site], list_mediators: mediators } as Record<string, unknown>)[cmd] ?? null;
    });
    render(StatsArea, { today: "2026-12-01" });
    expect(await screen.findByText("Tout le réseau, du 1er mars 2027 au 31 mars 2027")).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Afficher" }), "no button to press after a change").toBeNull();
    const where = screen.getByLabelText("Lieu") as HTMLSelectElement;
    // Down the list and back up and down again with the arrow keys: one request, for the last.
    for (const index of [1, 0, 1]) {
      where.selectedIndex = index;
      await fireEvent.change(where);
    }
    // A loaded machine may take a while after the 250 ms pause.
    expect(await screen.findByText(`${site.name}, du 1er mars 2027 au 31 mars 2027`, {}, { timeout: 3000 })).toBeTruthy();
    await new Promise((r) => setTimeout(r, 400));
    expect(asked, "the first load, then one for the last choice").toEqual([null, site.id]);
    const genders = screen.getByRole("table", { name: /Genre/ });
    const missing = within(genders).getByRole("row", { name: /Non renseigné/ });
    expect(missing.textContent).toContain("6");
    const sum = [...within(genders).getAllByRole("row")].slice(1).reduce((n, r) => n + Number(r.querySelector("td")?.textContent), 0);
    expect(sum, "the lines add up to the people").toBe(stats.people);
  });

  it("shows the figures and each breakdown as a table, and exports the CSV without personal data", async () => {
    const calls: { cmd: string; args: unknown }[] = [];
    mockIPC((cmd, args) => {
      calls.push({ cmd, args });
      if (cmd === "stats_period") return { from: "2027-03-01", to: "2027-03-31" };
      if (cmd === "save_visits_csv") return "/tmp/accompagnements.csv";
      return ({ list_sites: [site], list_mediators: mediators, activity_stats: stats } as Record<string, unknown>)[cmd] ?? null;
    });
    render(StatsArea, { today: "2026-12-01" });
    expect(await screen.findByText("Tout le réseau, du 1er mars 2027 au 31 mars 2027")).toBeTruthy();
    expect(screen.getByText("dont 2 suivies, 9 anonymes")).toBeTruthy();
    expect(screen.queryByLabelText("Poste"), "no desk gathered: no « Poste » filter").toBeNull();
    const table = screen.getByRole("table", { name: /Thématiques/ });
    const row = within(table).getByRole("row", { name: /E-mail/ });
    expect(row.textContent).toContain("4");
    expect(row.textContent).toContain("66,7 %");
    expect(screen.getByText("Aucun pour cette période.", { selector: "section[aria-labelledby='b-procedures'] p" })).toBeTruthy();
    await fireEvent.click(screen.getByRole("button", { name: /Exporter les accompagnements/ }));
    expect(calls.find((c) => c.cmd === "save_visits_csv")?.args).toEqual({
      query: { from: "2027-03-01", to: "2027-03-31", siteId: null, mediatorId: null, deskId: null },
      personal: false,
    });
  });
});
