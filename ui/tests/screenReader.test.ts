// What a screen-reader user of the real window (WebKitGTK, Orca) needs from the pages: a
// refusal that takes the focus, the new screen's title focused, one name per action, Tab that
// never leaves the page, dates written jj/mm/aaaa, required fields marked. The real window is
// checked through AT-SPI in tests/atspi; these pin the page's side of it.
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { afterEach, describe, expect, it } from "vitest";
import App from "../src/App.svelte";
import Visits from "../src/areas/Visits.svelte";
import BookingDialog from "../src/components/BookingDialog.svelte";
import VisitDialog from "../src/components/VisitDialog.svelte";
import type { Visit, VisitInput } from "../src/lib/api";
import { tabbable, wrapTab } from "../src/lib/focus";
import { dayMonthYear, distinct, grouped } from "../src/lib/fr";
import { site, vocab } from "./fixtures";

afterEach(() => {
  cleanup();
  clearMocks();
  document.body.innerHTML = "";
});

const frame = () => new Promise((r) => requestAnimationFrame(r));
const info = { version: "0.2.0", license: "AGPL-3.0-or-later", dbPath: "/tmp/p.sqlite3", dbError: null, measuring: false, locked: false, today: "2026-12-01" };

describe("words for the ear", () => {
  it("tells apart names given twice by their rank, and leaves single ones alone", () => {
    expect(distinct(["A", "B", "A", "C", "A"])).toEqual(["A (1 sur 3)", "B", "A (2 sur 3)", "C", "A (3 sur 3)"]);
    expect(distinct([])).toEqual([]);
  });

  it("writes the core's dates as jj/mm/aaaa and leaves what a person typed as it is", () => {
    expect(dayMonthYear("2026-12-08")).toBe("08/12/2026");
    expect(dayMonthYear("08/12/2026")).toBe("08/12/2026");
    expect(dayMonthYear("demain")).toBe("demain");
  });

  it("groups a number's digits as French does, as the browser's French locale would", () => {
    for (const n of [0, 7, 999, 1000, 12345, 1234567, -4321, 20480.4]) {
      expect(grouped(n)).toBe(Math.round(n).toLocaleString("fr-FR"));
    }
    expect(grouped(1234567)).toBe("1\u202f234\u202f567");
  });
});

describe("the keyboard stays in the page", () => {
  it("brings Tab from the last stop back to the first, and Shift+Tab the other way", () => {
    document.body.innerHTML = `<a href="#m">Aller</a><button>Milieu</button><button hidden>Caché</button><button id="last">Fin</button>`;
    const [first, middle, last] = tabbable(document.body);
    expect(tabbable(document.body).map((e) => e.textContent)).toEqual(["Aller", "Milieu", "Fin"]);
    last.focus();
    const tab = new KeyboardEvent("keydown", { key: "Tab", cancelable: true });
    expect(wrapTab(tab, document.body)).toBe(true);
    expect(tab.defaultPrevented, "the toolkit must not get the Tab").toBe(true);
    expect(document.activeElement).toBe(first);
    const back = new KeyboardEvent("keydown", { key: "Tab", shiftKey: true, cancelable: true });
    expect(wrapTab(back, document.body)).toBe(true);
    expect(document.activeElement).toBe(last);
    middle.focus();
    const inside = new KeyboardEvent("keydown", { key: "Tab", cancelable: true });
    expect(wrapTab(inside, document.body), "between two stops Tab is the browser's").toBe(false);
    expect(inside.defaultPrevented).toBe(false);
  });
});

describe("changing screen", () => {
  it("focuses the main landmark named after the new screen, and describes the current section", async () => {
    mockIPC((cmd) => {
      const answers: Record<string, unknown> = {
        app_info: info, list_sites: [site], list_mediators: [], vocabularies: vocab, list_visits: [], list_terms: [],
        search_beneficiaries: [], walk_in_queue: [],
      };
      return answers[cmd] ?? null;
    });
    render(App);
    const nav = await screen.findByRole("navigation", { name: "Sections" });
    const go = within(nav).getByRole("button", { name: "Accompagnements" });
    await fireEvent.click(go);
    await frame();
    await screen.findByRole("heading", { level: 1, name: "Accompagnements" });
    const main = screen.getByRole("main", { name: "Accompagnements" });
    await waitFor(() => expect(document.activeElement, "the landmark named after the screen is read after the move").toBe(main));
    expect(go.getAttribute("aria-current")).toBe("page");
    const note = document.getElementById(go.getAttribute("aria-describedby") ?? "");
    expect(note?.textContent, "WebKitGTK drops aria-current: the description says it").toBe("section affichée");
    const other = within(nav).getByRole("button", { name: "Agenda" });
    expect(other.hasAttribute("aria-describedby")).toBe(false);
  });
});

describe("a refused booking", () => {
  it("moves the focus to the error when no slot was chosen", async () => {
    mockIPC(() => null);
    render(BookingDialog, { slot: null, sites: [site], siteId: 1, vocab, by: null, onbooked: () => {}, oncancel: () => {} });
    const dialog = await screen.findByRole("dialog", { name: "Prendre un rendez-vous" });
    await fireEvent.click(within(dialog).getByRole("button", { name: "Enregistrer le rendez-vous" }));
    const alert = await within(dialog).findByRole("alert", { name: /^Choisissez d'abord un créneau/ });
    await frame();
    expect(document.activeElement, "Orca reads what has the focus, not a new role=alert").toBe(alert);
  });
});

const visit = (id: number, day: string, time: string, who: string | null): Visit =>
  ({
    id, kind: "individuel", start: "", day, time, duration: "30 min", mediatorName: "Samia", themes: ["email"], themeLabels: ["E-mail"],
    beneficiaryName: who, followed: who !== null, participants: 1, participantIds: [], materials: [], procedures: [], firstVisit: false,
  }) as unknown as Visit;

describe("a refusal in an area", () => {
  it("takes the focus, named by its words, again when they change", async () => {
    mockIPC((cmd) => {
      if (cmd === "list_visits") throw { kind: "storage", field: null, message: "La base est occupée. Réessayez." };
      return ({ list_sites: [site], list_mediators: [], list_terms: [], vocabularies: vocab } as Record<string, unknown>)[cmd] ?? null;
    });
    render(Visits);
    const alert = await screen.findByRole("alert", { name: "La base est occupée. Réessayez." });
    await waitFor(() => expect(document.activeElement).toBe(alert));
  });
});

describe("the visits screen", () => {
  it("gives every row's buttons a name of their own, and puts the name search before the table", async () => {
    const visits = [
      visit(1, "vendredi 4 décembre 2026", "10 h", null),
      visit(2, "vendredi 4 décembre 2026", "10 h", null),
      visit(3, "vendredi 4 décembre 2026", "14 h", "Léa"),
    ];
    const people = [1, 2].map((id) => ({ id, displayName: "Léa M.", visitCount: 1, lastVisitOn: null, consentOn: "1er décembre 2026" }));
    mockIPC((cmd) => ({ list_visits: visits, search_beneficiaries: people, list_sites: [site], list_mediators: [], list_terms: [], vocabularies: vocab })[cmd] ?? null);
    render(Visits);
    await screen.findByRole("table");
    await screen.findByRole("button", { name: "Historique de Léa M. (2 sur 2)" });
    const names = screen.getAllByRole("button").map((b) => b.getAttribute("aria-label") ?? b.textContent?.trim());
    const repeated = names.filter((n, i) => names.indexOf(n) !== i);
    expect(repeated, "two buttons with one name cannot be told apart by ear").toEqual([]);
    expect(names).toContain("Modifier l'accompagnement du vendredi 4 décembre 2026 à 10 h, Anonyme (2 sur 2)");
    expect(names).toContain("Supprimer l'accompagnement du vendredi 4 décembre 2026 à 14 h, Léa");
    expect(names).toContain("Historique de Léa M. (1 sur 2)");
    const order = tabbable(document.body);
    const search = screen.getByLabelText("Chercher par nom");
    const firstRow = screen.getAllByRole("button", { name: /^Modifier l'accompagnement/ })[0];
    expect(order.indexOf(search), "the search comes before the table's buttons").toBeLessThan(order.indexOf(firstRow));
  });
});

describe("the visit form", () => {
  const draft: VisitInput = {
    kind: "individuel", date: "2026-12-08", time: "14:30", durationMinutes: 30, placeType: "lieu_activite", siteId: 1,
    placeCommune: null, placePostcode: null, mediatorId: null, themes: [], procedures: [], reason: null, procedureDetails: null,
    materials: [], autonomy: null, redirectedTo: null, followUp: false, notes: null, beneficiaryId: null,
    profile: { ageBracket: "non_communique", socialStatus: "non_communique", gender: "non_communique", postcode: null, commune: null },
    firstVisit: false, workshopTitle: null, workshopLevel: null, participants: 1, participantIds: [], appointmentId: null, createdBy: null,
  };
  const visitVocab = {
    kinds: [], placeTypes: [{ code: "lieu_activite", label: "Lieu d’activité" }], materials: [], autonomy: [], redirections: [],
    workshopLevels: [], ageBrackets: [], socialStatuses: [], genders: [], durationPresets: [30],
  };

  it("shows the date as jj/mm/aaaa and marks every required field as required", async () => {
    mockIPC(() => null);
    render(VisitDialog, {
      initial: draft, sites: [site], mediators: [{ id: 3, name: "Samia", phone: null, email: null, archived: false, siteIds: [1] }],
      terms: [], vocab, visitVocab, onsaved: () => {}, oncancel: () => {},
    });
    const dialog = await screen.findByRole("dialog");
    expect((within(dialog).getByLabelText(/^Date/) as HTMLInputElement).value).toBe("08/12/2026");
    for (const label of [/^Date/, /^Durée/, /^Type de lieu/, /^Lieu \(obligatoire\)/, /^Accompagnement fait par/]) {
      expect(within(dialog).getByLabelText(label).getAttribute("aria-required"), `${label} says « (obligatoire) »`).toBe("true");
    }
  });
});
