import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { afterEach, describe, expect, it, vi } from "vitest";
import App from "../src/App.svelte";
import SharingSection from "../src/components/SharingSection.svelte";
import type { Appointment, Conflict, SharingStatus } from "../src/lib/api";
import { site, vocab } from "./fixtures";

afterEach(() => {
  cleanup();
  clearMocks();
  vi.useRealTimers();
});

const other = { ...site, id: 8, name: "Centre social du Neuhof" };

function sharingStatus(over: Partial<SharingStatus> = {}): SharingStatus {
  return {
    joined: false,
    address: null,
    username: null,
    shareNames: false,
    sites: [],
    pending: 0,
    conflicts: 0,
    syncedAt: null,
    offlineSince: null,
    lastError: null,
    passwordNeeded: false,
    passwordNote: null,
    line: "",
    ...over,
  };
}

const joined = (over: Partial<SharingStatus> = {}) =>
  sharingStatus({
    joined: true,
    address: "https://agenda.exemple.fr/dav/",
    username: "accueil",
    sites: [site.name],
    syncedAt: "2026-12-01T13:32:00Z",
    line: "Synchronisé à 14\u00a0h\u00a032",
    ...over,
  });

const appointment: Appointment = {
  id: 41,
  siteId: site.id,
  permanenceId: 2,
  start: "2026-12-02T14:00:00+01:00",
  end: "2026-12-02T14:30:00+01:00",
  residentName: "Mme Schmitt",
  residentPhone: null,
  residentEmail: null,
  reason: "caf",
  notes: null,
  status: "booked",
  extra: false,
  createdBy: null,
  day: "mercredi 2 décembre 2026",
  hours: "14\u00a0h – 14\u00a0h\u00a030",
  who: "Mme Schmitt",
  whatToBring: null,
  canUndo: false,
  visitId: null,
  unconfirmed: false,
};

const conflict: Conflict = {
  id: 5,
  appointment,
  message: "Ce rendez-vous a été déplacé ailleurs vers une heure complète.",
  removed: false,
  at: "2026-12-01T13:32:00Z",
};

const removal: Conflict = {
  id: 6,
  appointment: null,
  message:
    "La permanence du mardi de 14:00 à 16:00 (Médiathèque) a été effacée du serveur par un agenda (téléphone, Thunderbird…), pas par un poste du réseau : elle reste sur ce poste.",
  removed: true,
  at: "2026-12-01T13:32:00Z",
};

type Answers = Record<string, (args: Record<string, unknown>) => unknown>;

function serve(answers: Answers) {
  const calls: { cmd: string; args: Record<string, unknown> }[] = [];
  mockIPC((cmd, args) => {
    const a = (args ?? {}) as Record<string, unknown>;
    calls.push({ cmd, args: a });
    if (cmd === "list_sites") return [site, other];
    const answer = answers[cmd];
    return answer ? answer(a) : null;
  });
  return calls;
}

describe("Paramètres › Réseau, not joined", () => {
  it("says in French what is wrong when the connection test fails, and warns about plain http", async () => {
    serve({
      sharing_status: () => sharingStatus(),
      sharing_test: () => {
        throw { kind: "network", field: null, message: "Nom d'utilisateur ou mot de passe refusé par le serveur." };
      },
    });
    render(SharingSection);
    const address = await screen.findByLabelText(/Adresse du serveur/);
    await waitFor(() => expect((screen.getByRole("button", { name: "Tester la connexion" }) as HTMLButtonElement).disabled).toBe(false));
    expect(screen.queryByText(/passent en clair/), "no warning until plain http is chosen").toBeNull();
    await fireEvent.click(screen.getByLabelText("Réseau local non chiffré (adresse en http://)"));
    expect(screen.getByText(/passent en clair sur le réseau/)).toBeTruthy();

    await fireEvent.input(address, { target: { value: "http://192.168.1.20:5232" } });
    await fireEvent.click(screen.getByRole("button", { name: "Tester la connexion" }));
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("Nom d'utilisateur ou mot de passe refusé par le serveur.");
  });

  it("shows the server found when the test succeeds", async () => {
    serve({ sharing_status: () => sharingStatus(), sharing_test: () => "http://127.0.0.1:5232/accueil/" });
    render(SharingSection);
    await waitFor(() => expect((screen.getByRole("button", { name: "Tester la connexion" }) as HTMLButtonElement).disabled).toBe(false));
    await fireEvent.click(screen.getByRole("button", { name: "Tester la connexion" }));
    const result = await screen.findByText(/Serveur d'agendas trouvé/);
    expect(result.closest("[role=status]"), "announced politely").not.toBeNull();
  });

  it("joins with the request the core expects: chosen sites, names kept, password given", async () => {
    let status = sharingStatus();
    const calls = serve({
      sharing_status: () => status,
      sharing_conflicts: () => [],
      sharing_join: () => {
        status = joined({ sites: [other.name] });
        return { sent: 3, received: 0, status };
      },
    });
    render(SharingSection);
    await fireEvent.input(await screen.findByLabelText(/Adresse du serveur/), { target: { value: "  https://agenda.exemple.fr/dav/ " } });
    await fireEvent.input(screen.getByLabelText(/Nom d'utilisateur/), { target: { value: "accueil" } });
    const password = screen.getByLabelText(/Mot de passe/) as HTMLInputElement;
    expect(password.type, "the password is never shown on screen").toBe("password");
    await fireEvent.input(password, { target: { value: "mot de passe" } });
    const names = screen.getByLabelText("Partager le nom, le téléphone et l'e-mail avec les autres postes") as HTMLInputElement;
    expect(names.checked, "names stay on this desk unless chosen").toBe(false);
    expect(screen.getByText(/ils voient\s+seulement/)).toBeTruthy();
    await fireEvent.click(screen.getByLabelText(/Seulement ces lieux/));
    await fireEvent.click(screen.getByLabelText(other.name));
    await fireEvent.click(screen.getByRole("button", { name: "Rejoindre le réseau" }));

    await screen.findByText("Synchroniser maintenant");
    const join = calls.find((c) => c.cmd === "sharing_join");
    expect(join?.args.request).toEqual({
      address: "https://agenda.exemple.fr/dav/",
      username: "accueil",
      password: "mot de passe",
      sites: [other.id],
      shareNames: false,
      plainHttp: false,
    });
  });

  it("shares all active sites unless some are chosen", async () => {
    const calls = serve({ sharing_status: () => sharingStatus(), sharing_test: () => "https://a/" });
    render(SharingSection);
    await waitFor(() => expect((screen.getByRole("button", { name: "Tester la connexion" }) as HTMLButtonElement).disabled).toBe(false));
    expect((screen.getByLabelText("Tous les lieux actifs") as HTMLInputElement).checked).toBe(true);
    await fireEvent.click(screen.getByRole("button", { name: "Tester la connexion" }));
    await screen.findByText(/Serveur d'agendas trouvé/);
    const tested = calls.find((c) => c.cmd === "sharing_test");
    expect(tested?.args.request).toMatchObject({ sites: null });
  });
});

describe("Paramètres › Réseau, joined", () => {
  it("shows what is shared, the status line and the conflicts; settling one calls the core", async () => {
    let conflicts = [conflict];
    const calls = serve({
      sharing_status: () => joined({ conflicts: conflicts.length, line: conflicts.length ? "1 conflit à régler" : "Synchronisé à 14\u00a0h\u00a032" }),
      sharing_conflicts: () => conflicts,
      settle_conflict: () => {
        conflicts = [];
        return null;
      },
    });
    render(SharingSection);
    expect(await screen.findByText("https://agenda.exemple.fr/dav/")).toBeTruthy();
    expect(screen.getByText("accueil")).toBeTruthy();
    expect(screen.getByText(site.name)).toBeTruthy();
    expect(screen.getByText("Gardés sur le poste qui a pris le rendez-vous")).toBeTruthy();
    expect(screen.getByText("1 conflit à régler")).toBeTruthy();

    const item = (await screen.findByText(conflict.message)).closest("li") as HTMLElement;
    expect(item.querySelector(".what")?.textContent).toContain("mercredi 2 décembre 2026");
    expect(item.querySelector(".what")?.textContent).toContain("Mme Schmitt");
    expect(screen.getByText(/Déplacer le rendez-vous dans l'Agenda règle aussi le conflit/)).toBeTruthy();
    await fireEvent.click(within(item).getByRole("button", { name: /^Garder en place supplémentaire/ }));
    await screen.findByText(/Aucun conflit/);
    expect(calls.find((c) => c.cmd === "settle_conflict")?.args).toEqual({ id: 5, how: "keepAsExtra" });
  });

  it("sends this desk's version again when asked", async () => {
    const calls = serve({ sharing_status: () => joined(), sharing_conflicts: () => [conflict], settle_conflict: () => null });
    render(SharingSection);
    await fireEvent.click(await screen.findByRole("button", { name: /^Renvoyer la version de ce poste/ }));
    await waitFor(() => expect(calls.find((c) => c.cmd === "settle_conflict")?.args).toEqual({ id: 5, how: "sendOurs" }));
  });

  it("offers to send back or delete here a permanence a calendar client removed", async () => {
    const calls = serve({ sharing_status: () => joined(), sharing_conflicts: () => [removal], settle_conflict: () => null });
    render(SharingSection);
    const item = (await screen.findByText(removal.message)).closest("li") as HTMLElement;
    expect(within(item).getByRole("button", { name: /^Remettre sur le serveur/ })).toBeTruthy();
    expect(within(item).queryByRole("button", { name: /^J'ai compris/ })).toBeNull();
    await fireEvent.click(within(item).getByRole("button", { name: /^Supprimer ici aussi/ }));
    await waitFor(() => expect(calls.find((c) => c.cmd === "settle_conflict")?.args).toEqual({ id: 6, how: "acknowledge" }));
  });

  it("says where the password is when no keyring keeps it, and asks for it when needed", async () => {
    const note = "Aucun trousseau de mots de passe (GNOME Keyring, KWallet) ne répond sur cet ordinateur.";
    const calls = serve({
      sharing_status: () => joined({ passwordNeeded: true, passwordNote: note }),
      sharing_conflicts: () => [],
      sharing_password: () => null,
    });
    render(SharingSection);
    expect(await screen.findByText(note)).toBeTruthy();
    await fireEvent.click(screen.getByRole("button", { name: "Taper le mot de passe du réseau…" }));
    const dialog = await screen.findByRole("dialog", { name: "Mot de passe du réseau" });
    await fireEvent.input(within(dialog).getByLabelText("Mot de passe du serveur du réseau"), { target: { value: "s3cret" } });
    await fireEvent.click(within(dialog).getByRole("button", { name: "Synchroniser" }));
    await waitFor(() => expect(calls.find((c) => c.cmd === "sharing_password")?.args).toEqual({ password: "s3cret" }));
    // The dialog closes and the section reads the status again.
    await waitFor(() => expect(screen.queryByRole("dialog", { name: "Mot de passe du réseau" })).toBeNull());
    await waitFor(() => expect(calls.filter((c) => c.cmd === "sharing_conflicts").length).toBeGreaterThan(1));
  });

  it("syncs now, and leaves only after a confirmation that says the data stays here", async () => {
    let status = joined();
    const calls = serve({
      sharing_status: () => status,
      sharing_conflicts: () => [],
      sharing_sync: () => ({ sent: 0, received: 2, status }),
      sharing_leave: () => {
        status = sharingStatus();
        return true;
      },
    });
    render(SharingSection);
    await fireEvent.click(await screen.findByRole("button", { name: "Synchroniser maintenant" }));
    await waitFor(() => expect(calls.some((c) => c.cmd === "sharing_sync")).toBe(true));

    await fireEvent.click(screen.getByRole("button", { name: "Quitter le réseau…" }));
    const dialog = await screen.findByRole("dialog");
    expect(dialog.textContent).toMatch(/restent sur cet ordinateur/);
    expect(calls.some((c) => c.cmd === "sharing_leave"), "nothing left before the confirmation").toBe(false);
    await fireEvent.click(within(dialog).getByRole("button", { name: "Quitter le réseau" }));
    await screen.findByRole("button", { name: "Rejoindre le réseau" });
    expect(calls.some((c) => c.cmd === "sharing_leave")).toBe(true);
  });
});

describe("The network line in the navigation column", () => {
  const info = { version: "0.2.0", license: "AGPL-3.0-or-later", dbPath: "/tmp/p.sqlite3", dbError: null, measuring: false, locked: false, today: "2026-12-01" };
  const base: Answers = {
    app_info: () => info,
    vocabularies: () => vocab,
    list_mediators: () => [],
    list_visits: () => [],
    list_terms: () => [],
  };

  it("asks once per session for the password no keyring gave, and says why", async () => {
    const calls = serve({ ...base, sharing_status: () => joined({ passwordNeeded: true }), sharing_password: () => null });
    render(App);
    const dialog = await screen.findByRole("dialog", { name: "Mot de passe du réseau" });
    expect(within(dialog).getByText(/Aucun trousseau de mots de passe/)).toBeTruthy();
    await fireEvent.click(within(dialog).getByRole("button", { name: "Plus tard" }));
    await waitFor(() => expect(screen.queryByRole("dialog", { name: "Mot de passe du réseau" })).toBeNull());
    // Still needed at the next read of the status: not asked again in this session.
    await waitFor(() => expect(calls.filter((c) => c.cmd === "sharing_status").length).toBeGreaterThan(0));
    expect(screen.queryByRole("dialog", { name: "Mot de passe du réseau" })).toBeNull();
    expect(calls.some((c) => c.cmd === "sharing_password")).toBe(false);
  });

  it("is hidden when the desk is in no network", async () => {
    const calls = serve({ ...base, sharing_status: () => sharingStatus() });
    render(App);
    await waitFor(() => expect(calls.some((c) => c.cmd === "sharing_status")).toBe(true));
    const line = document.getElementById("network-line") as HTMLElement;
    await waitFor(() => expect(line.hidden).toBe(true));
    expect(line.textContent?.trim()).toBe("");
  });

  it("shows the line beside the navigation, and reads it again every 15 seconds", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    let line = "Synchronisé à 14\u00a0h\u00a032";
    const calls = serve({ ...base, sharing_status: () => joined({ line }) });
    render(App);
    await waitFor(() => expect(document.getElementById("network-line")?.hidden).toBe(false));
    const el = document.getElementById("network-line") as HTMLElement;
    expect(el.getAttribute("role")).toBe("status");
    expect(el.closest("header"), "in the navigation column, never over the page").not.toBeNull();
    expect(el.textContent).toContain("Synchronisé à 14\u00a0h\u00a032");

    const before = calls.filter((c) => c.cmd === "sharing_status").length;
    line = "Hors ligne depuis 14\u00a0h\u00a040 — 1 changement en attente";
    await vi.advanceTimersByTimeAsync(15_000);
    await waitFor(() => expect(el.textContent).toContain("Hors ligne depuis 14\u00a0h\u00a040"));
    expect(calls.filter((c) => c.cmd === "sharing_status").length).toBeGreaterThan(before);
  });
});
