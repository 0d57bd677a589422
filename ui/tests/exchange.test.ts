import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { afterEach, describe, expect, it } from "vitest";
import CalendarExport from "../src/components/CalendarExport.svelte";
import OpenDataExchange from "../src/components/OpenDataExchange.svelte";
import PublishPanel from "../src/components/PublishPanel.svelte";
import type { Mediator } from "../src/lib/api";
import { site } from "./fixtures";

afterEach(() => {
  cleanup();
  clearMocks();
});

const mediator: Mediator = { id: 7, name: "Awa Diallo", phone: null, email: null, archived: false, siteIds: [1] };

describe("Exporter le calendrier", () => {
  it("sends the chosen scope and content, names only when both boxes are ticked", async () => {
    const requests: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "export_calendar") {
        requests.push((args as { request: unknown }).request);
        return { path: "/home/coordination/rendez-vous.ics", summary: "18 événements", warnings: [] };
      }
      return null;
    });
    render(CalendarExport, { sites: [site], mediators: [mediator] });
    const names = screen.getByLabelText(/Avec le nom et le téléphone/) as HTMLInputElement;
    expect(names.disabled).toBe(true);

    await fireEvent.click(screen.getByRole("button", { name: "Exporter le calendrier…" }));
    await waitFor(() => expect(requests).toHaveLength(1));
    expect(requests[0]).toEqual({ scope: { kind: "network" }, withAppointments: false, withNames: false });
    expect(await screen.findByText("/home/coordination/rendez-vous.ics")).toBeTruthy();
    expect(screen.getByRole("status").textContent).toContain("18 événements");

    await fireEvent.click(screen.getByLabelText("Un lieu"));
    await fireEvent.click(screen.getByLabelText(/Ajouter les rendez-vous/));
    expect(names.disabled).toBe(false);
    await fireEvent.click(names);
    await fireEvent.click(screen.getByRole("button", { name: "Exporter le calendrier…" }));
    await waitFor(() => expect(requests).toHaveLength(2));
    expect(requests[1]).toEqual({ scope: { kind: "site", siteId: 1 }, withAppointments: true, withNames: true });

    // Unticking the appointments drops the names, even if that box stays ticked.
    await fireEvent.click(screen.getByLabelText(/Un médiateur/));
    await fireEvent.click(screen.getByLabelText(/Ajouter les rendez-vous/));
    await fireEvent.click(screen.getByRole("button", { name: "Exporter le calendrier…" }));
    await waitFor(() => expect(requests).toHaveLength(3));
    expect(requests[2]).toEqual({ scope: { kind: "mediator", mediatorId: 7 }, withAppointments: false, withNames: false });
  });

  it("shows a progress bar while a long export runs", async () => {
    let finish: (v: unknown) => void = () => {};
    mockIPC((cmd) => {
      if (cmd === "export_calendar") return new Promise((resolve) => { finish = resolve; });
      return null;
    });
    render(CalendarExport, { sites: [site], mediators: [] });
    await fireEvent.click(screen.getByRole("button", { name: "Exporter le calendrier…" }));
    expect(await screen.findByLabelText("Préparation du calendrier…", {}, { timeout: 2000 })).toBeTruthy();
    finish(null);
    await waitFor(() => expect(screen.queryByLabelText("Préparation du calendrier…")).toBeNull());
  });
});

describe("Données ouvertes", () => {
  it("exports in the chosen format, lists what was left out, and reports an import", async () => {
    const formats: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "export_open_data") {
        formats.push((args as { format: unknown }).format);
        return { path: "/tmp/lieux.json", summary: "5 lieux", warnings: ["« Point numérique » n'est pas exporté : SIRET manquant."] };
      }
      if (cmd === "import_open_data") {
        return {
          created: 2,
          updated: 1,
          refused: [{ line: 4, message: "Ligne 4 : Code postal : il faut cinq chiffres." }],
          notes: [{ line: 3, message: "Ligne 3 : horaires : « Sa[1] 10:00-12:00 » ne peut pas devenir une permanence de chaque semaine." }],
          summary: "Import terminé : 2 lieu(x) ajouté(s), 1 mis à jour, 1 ligne(s) refusée(s).",
        };
      }
      return null;
    });
    render(OpenDataExchange);
    await fireEvent.click(screen.getByLabelText("JSON"));
    await fireEvent.click(screen.getByRole("button", { name: "Exporter les données ouvertes…" }));
    expect(await screen.findByText(/SIRET manquant/)).toBeTruthy();
    expect(formats).toEqual(["json"]);

    await fireEvent.click(screen.getByRole("button", { name: /Importer des lieux/ }));
    expect(await screen.findByText(/2 lieu\(x\) ajouté\(s\), 1 mis à jour, 1 ligne\(s\) refusée\(s\)/)).toBeTruthy();
    expect(screen.getByText("Ligne 4 : Code postal : il faut cinq chiffres.")).toBeTruthy();
    expect(screen.getByText(/Ligne 3 : horaires/)).toBeTruthy();
  });
});

describe("Publication automatique", () => {
  it("saves the folder and the ticked files, keeping the names already chosen", async () => {
    const saved: unknown[] = [];
    const status = {
      settings: {
        folder: "/srv/partage",
        publications: [{ content: { kind: "openData", format: "csv" }, fileName: "lieux.csv" }],
      },
      publishedAt: "2026-11-28T13:00:00Z",
      lastError: null,
    };
    mockIPC((cmd, args) => {
      if (cmd === "list_sites") return [site];
      if (cmd === "publish_status") return status;
      if (cmd === "set_publish_settings") {
        saved.push((args as { settings: unknown }).settings);
        return status;
      }
      return null;
    });
    render(PublishPanel);
    const folder = (await screen.findByLabelText("Dossier")) as HTMLInputElement;
    await waitFor(() => expect(folder.value).toBe("/srv/partage"));
    expect((screen.getByLabelText(/Données ouvertes des lieux \(CSV\)/) as HTMLInputElement).checked).toBe(true);
    await fireEvent.click(screen.getByLabelText(/Calendrier : Médiathèque Olympe de Gouges/));
    await fireEvent.click(screen.getByRole("button", { name: "Enregistrer et publier" }));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]).toEqual({
      folder: "/srv/partage",
      // In the order of the list on screen.
      publications: [
        { content: { kind: "calendar", request: { scope: { kind: "site", siteId: 1 }, withAppointments: false, withNames: false } }, fileName: "" },
        { content: { kind: "openData", format: "csv" }, fileName: "lieux.csv" },
      ],
    });
    expect(screen.getByText(/Publié le 28 novembre 2026/)).toBeTruthy();
  });
});
