// Paramètres › Réseau, joined (issue 26): the calendar read as each mediator's absences, and
// the conflicts that ended by themselves, shown once.
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { afterEach, describe, expect, it } from "vitest";
import SharingSection from "../src/components/SharingSection.svelte";
import type { AccountCalendar, EndedConflict, Mediator, SharingStatus } from "../src/lib/api";
import { site } from "./fixtures";

afterEach(() => {
  cleanup();
  clearMocks();
});

const joined: SharingStatus = {
  joined: true,
  address: "https://agenda.exemple.fr/dav/",
  username: "accueil",
  shareNames: false,
  sites: [site.name],
  pending: 0,
  conflicts: 0,
  syncedAt: "2026-12-01T13:32:00Z",
  offlineSince: null,
  lastError: null,
  passwordNeeded: false,
  passwordNote: null,
  line: "Synchronisé à 14\u00a0h\u00a032",
};

const nadia: Mediator = { id: 1, name: "Nadia Benali", phone: null, email: null, archived: false, siteIds: [site.id] };
const paul: Mediator = { id: 2, name: "Paul Morel", phone: null, email: null, archived: false, siteIds: [site.id] };

type Answers = Record<string, (args: Record<string, unknown>) => unknown>;

function serve(answers: Answers) {
  const calls: { cmd: string; args: Record<string, unknown> }[] = [];
  mockIPC((cmd, args) => {
    const a = (args ?? {}) as Record<string, unknown>;
    calls.push({ cmd, args: a });
    const base: Answers = {
      list_sites: () => [site],
      list_mediators: () => [nadia, paul],
      sharing_status: () => joined,
      sharing_conflicts: () => [],
      sharing_ended_conflicts: () => [],
    };
    const answer = answers[cmd] ?? base[cmd];
    return answer ? answer(a) : null;
  });
  return calls;
}

describe("Paramètres › Réseau, the mediators' absences", () => {
  it("offers the account's calendars for each mediator, one mediator's at most, and chooses one or none", async () => {
    let calendars: AccountCalendar[] = [
      { name: "Agenda de Nadia", mediatorId: null },
      { name: "Famille", mediatorId: null },
    ];
    const calls = serve({
      sharing_calendars: () => calendars,
      sharing_choose_absences: (a) => {
        calendars = calendars.map((c) =>
          c.name === a.calendar ? { ...c, mediatorId: a.mediatorId as number } : c.mediatorId === a.mediatorId ? { ...c, mediatorId: null } : c,
        );
        return null;
      },
    });
    render(SharingSection);
    const hers = (await screen.findByLabelText("Nadia Benali")) as HTMLSelectElement;
    expect(hers.value, "none read yet").toBe("");
    expect(screen.getByText(/jamais le titre de l'événement/)).toBeTruthy();
    await fireEvent.change(hers, { target: { value: "Agenda de Nadia" } });
    await waitFor(() =>
      expect(calls.find((c) => c.cmd === "sharing_choose_absences")?.args).toEqual({ mediatorId: 1, calendar: "Agenda de Nadia" }),
    );
    const his = screen.getByLabelText("Paul Morel") as HTMLSelectElement;
    await waitFor(() => {
      const option = within(his).getByRole("option", { name: "Agenda de Nadia" }) as HTMLOptionElement;
      expect(option.disabled, "already Nadia's: not offered to Paul").toBe(true);
    });
    expect((screen.getByLabelText("Nadia Benali") as HTMLSelectElement).value).toBe("Agenda de Nadia");

    await fireEvent.change(screen.getByLabelText("Nadia Benali"), { target: { value: "" } });
    await waitFor(() =>
      expect(calls.filter((c) => c.cmd === "sharing_choose_absences").slice(-1)[0]?.args).toEqual({ mediatorId: 1, calendar: null }),
    );
  });

  it("shows a refusal in French and keeps the choice the core has", async () => {
    serve({
      sharing_calendars: () => [{ name: "Agenda de Nadia", mediatorId: null }],
      sharing_choose_absences: () => {
        throw { kind: "validation", field: "calendar", message: "Le compte du réseau n'a pas d'agenda « Agenda de Nadia » sur le serveur." };
      },
    });
    render(SharingSection);
    const hers = (await screen.findByLabelText("Nadia Benali")) as HTMLSelectElement;
    await fireEvent.change(hers, { target: { value: "Agenda de Nadia" } });
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("n'a pas d'agenda « Agenda de Nadia »");
    await waitFor(() => expect(hers.value).toBe(""));
  });

  it("says so when the account has no calendar of its own", async () => {
    serve({ sharing_calendars: () => [] });
    render(SharingSection);
    expect(await screen.findByText(/créez celui du médiateur depuis son téléphone/)).toBeTruthy();
  });
});

describe("Paramètres › Réseau, conflicts that ended by themselves", () => {
  const ended: EndedConflict = {
    id: 9,
    appointment: null,
    note: "L'absence du médiateur qui rendait ce créneau indisponible a été supprimée ou déplacée dans son agenda.",
    endedAt: "2026-12-01T13:32:00Z",
  };

  it("shows each once with its note, until the desk has seen it", async () => {
    let list = [ended];
    const calls = serve({
      sharing_calendars: () => [],
      sharing_ended_conflicts: () => list,
      settle_conflict: () => {
        list = [];
        return null;
      },
    });
    render(SharingSection);
    const item = (await screen.findByText(ended.note)).closest("li") as HTMLElement;
    expect(screen.getByRole("heading", { name: "Conflits réglés seuls" })).toBeTruthy();
    expect(screen.getByText(/Aucun conflit/), "nothing left to settle").toBeTruthy();
    await fireEvent.click(within(item).getByRole("button", { name: /^J'ai vu/ }));
    await waitFor(() => expect(screen.queryByText(ended.note)).toBeNull());
    expect(calls.find((c) => c.cmd === "settle_conflict")?.args).toEqual({ id: 9, how: "acknowledge" });
  });
});
