// « Retrouver un rendez-vous » and « À prévenir » in the Agenda, against a mocked core: what
// is sent, what is shown, and where a result leads.
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { afterEach, describe, expect, it } from "vitest";
import AgendaArea from "../src/areas/Agenda.svelte";
import type { Found, Reminder } from "../src/lib/api";
import { site, vocab } from "./fixtures";

afterEach(() => {
  cleanup();
  clearMocks();
  localStorage.clear();
});

const agenda = { title: "mardi 1er décembre 2026", previous: "2026-11-30", next: "2026-12-02", today: "2026-12-01", waiting: [],
  days: [{ date: "2026-12-01", label: "mardi 1er décembre 2026", notices: [], others: [], slots: [] }] };

const helene: Found = {
  id: 41, siteId: site.id, siteName: site.name, date: "2026-12-08", day: "mardi 8 décembre 2026", time: "14\u00a0h",
  status: "booked", who: "Hélène", phone: "06 12 34 56 78", upcoming: true, reminded: false,
};
const past: Found = { ...helene, id: 12, date: "2026-11-17", day: "mardi 17 novembre 2026", status: "honoured", upcoming: false };

const reminder: Reminder = {
  id: 41, siteId: site.id, siteName: site.name, start: "2026-12-02T09:30:00+01:00", time: "9\u00a0h\u00a030", who: "Hélène",
  phone: "06 12 34 56 78", reason: null, reminded: false, message: "Bonjour Hélène, nous vous rappelons votre rendez-vous…",
  sms: "SMSTO:0612345678:Bonjour Hélène, nous vous rappelons votre rendez-vous…",
  email: "helene@exemple.fr", contact: "06 12 34 56 78 · helene@exemple.fr",
  mailto: "mailto:helene@exemple.fr?subject=Rappel%20de%20votre%20rendez-vous&body=Bonjour%20H%C3%A9l%C3%A8ne",
  code: "SMSTO:0612345678:Bonjour Hélène, nous vous rappelons votre rendez-vous…",
};

/** The arguments of the last call of `cmd`. */
const last = (calls: { cmd: string; args: unknown }[], cmd: string) => calls.filter((c) => c.cmd === cmd).pop()?.args;

function core(calls: { cmd: string; args: unknown }[]) {
  mockIPC((cmd, args) => {
    calls.push({ cmd, args });
    const a = args as Record<string, unknown>;
    if (cmd === "find_appointments") return { found: [helene, past], more: false };
    if (cmd === "set_reminded") return { ...reminder, reminded: a.reminded };
    if (cmd === "reminders") return { date: "2026-12-02", day: "mercredi 2 décembre 2026", items: [reminder] };
    if (cmd === "sms_qr") return { side: 29, runs: [[4, 4, 7], [4, 5, 1]] };
    return ({ list_sites: [site], list_mediators: [], walk_in_queue: [], vocabularies: vocab, agenda } as Record<string, unknown>)[cmd] ?? null;
  });
}

describe("Find and remind", () => {
  it("finds by phone, ticks « Prévenu(e) » and opens the appointment's day", async () => {
    const calls: { cmd: string; args: unknown }[] = [];
    core(calls);
    render(AgendaArea);
    await fireEvent.input(await screen.findByRole("searchbox", { name: "Retrouver un rendez-vous" }), { target: { value: "+33 6 12" } });
    await fireEvent.click(screen.getByRole("button", { name: "Chercher" }));
    const dialog = await screen.findByRole("dialog");
    expect(calls.find((c) => c.cmd === "find_appointments")?.args).toEqual({ text: "+33 6 12", limit: 20 });
    expect(within(dialog).getByText(/2 rendez-vous trouvés/)).toBeTruthy();
    expect(within(dialog).getByText("passé"), "the past one is marked").toBeTruthy();
    const ticks = within(dialog).getAllByRole("checkbox", { name: "Prévenu(e)" });
    expect(ticks.length, "only the upcoming booking can be ticked").toBe(1);
    await fireEvent.click(ticks[0]);
    await waitFor(() => expect(calls.find((c) => c.cmd === "set_reminded")?.args).toEqual({ id: 41, reminded: true }));

    await fireEvent.click(within(dialog).getAllByRole("button", { name: /^Voir dans l'agenda/ })[0]);
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    await waitFor(() =>
      expect(last(calls, "agenda")).toEqual({ siteId: site.id, date: "2026-12-08", span: "day" }),
    );
  });

  it("lists the next open day's calls with their text, and a typed day", async () => {
    const calls: { cmd: string; args: unknown }[] = [];
    core(calls);
    render(AgendaArea);
    // The network has one site: the agenda opens on it, and so does « À prévenir ».
    await screen.findByRole("heading", { name: /mardi 1er décembre 2026/ });
    await fireEvent.click(screen.getByRole("button", { name: "À prévenir" }));
    const dialog = await screen.findByRole("dialog");
    expect(calls.find((c) => c.cmd === "reminders")?.args).toEqual({ siteId: site.id, date: "" });
    expect(within(dialog).getByRole("heading", { name: "À prévenir : mercredi 2 décembre 2026" })).toBeTruthy();
    expect((within(dialog).getByLabelText("Texte pour Hélène") as HTMLTextAreaElement).value).toContain("Bonjour Hélène");
    await fireEvent.input(within(dialog).getByLabelText("Autre jour"), { target: { value: "03/12/2026" } });
    await fireEvent.click(within(dialog).getByRole("button", { name: "Afficher ce jour" }));
    await waitFor(() => expect(last(calls, "reminders")).toEqual({ siteId: site.id, date: "03/12/2026" }));
  });

  it("shows a person's SMS code, drawn from the core's runs, and hides it", async () => {
    const calls: { cmd: string; args: unknown }[] = [];
    core(calls);
    render(AgendaArea);
    await screen.findByRole("heading", { name: /mardi 1er décembre 2026/ });
    await fireEvent.click(screen.getByRole("button", { name: "À prévenir" }));
    const dialog = await screen.findByRole("dialog");
    await fireEvent.click(within(dialog).getByRole("button", { name: "Code SMS à scanner pour Hélène" }));
    const code = await within(dialog).findByRole("img", { name: "Code QR : SMS pour Hélène au 06 12 34 56 78" });
    expect(last(calls, "sms_qr"), "the code carries the core's SMSTO: text").toEqual({ text: reminder.sms });
    const runs = [...code.querySelectorAll("rect")].slice(1).map((r) => [r.getAttribute("x"), r.getAttribute("y"), r.getAttribute("width")]);
    expect(runs, "one rectangle per run, after the white background").toEqual([["4", "4", "7"], ["4", "5", "1"]]);
    await fireEvent.click(within(dialog).getByRole("button", { name: "Masquer le code SMS pour Hélène" }));
    await waitFor(() => expect(within(dialog).queryByRole("img", { name: /Code QR/ })).toBeNull());
  });

  it("offers the e-mail as a link to the core's mailto:, opened by the core for this appointment", async () => {
    const calls: { cmd: string; args: unknown }[] = [];
    core(calls);
    render(AgendaArea);
    await screen.findByRole("heading", { name: /mardi 1er décembre 2026/ });
    await fireEvent.click(screen.getByRole("button", { name: "À prévenir" }));
    const dialog = await screen.findByRole("dialog");
    const link = within(dialog).getByRole("link", { name: "Écrire l'e-mail de rappel à Hélène" });
    expect(link.getAttribute("href"), "the link is the core's, as it is").toBe(reminder.mailto);
    await fireEvent.click(link);
    expect(last(calls, "write_reminder_email"), "the window passes the appointment, not a link of its own").toEqual({ id: reminder.id });
    await within(dialog).findByText(/helene@exemple.fr/);
  });
});
