import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { afterEach, describe, expect, it } from "vitest";
import Sites from "../src/areas/Sites.svelte";
import { STATUS_ID, status } from "../src/lib/announce.svelte";
import { detail, site, vocab } from "./fixtures";

afterEach(() => {
  cleanup();
  clearMocks();
});

describe("Lieux et permanences", () => {
  it("offers a new user three ways in", async () => {
    mockIPC((cmd) => ({ vocabularies: vocab, list_sites: [], sharing_status: null })[cmd] ?? null);
    render(Sites);
    expect(await screen.findByText("Aucun lieu n'est encore enregistré.")).toBeTruthy();
    for (const name of ["Créer mon premier lieu", "Rejoindre le réseau de mon association", "Importer mes lieux"]) {
      expect(screen.getByRole("button", { name }), name).toBeTruthy();
    }
  });

  it("shows the first place's three steps, the current one marked, and can be left", async () => {
    mockIPC((cmd) => ({ vocabularies: vocab, list_sites: [] })[cmd] ?? null);
    render(Sites);
    await fireEvent.click(await screen.findByRole("button", { name: "Créer mon premier lieu" }));
    const steps = screen.getByRole("list", { name: "Étapes de la création du premier lieu" });
    const items = [...steps.querySelectorAll("li")];
    expect(items.map((li) => li.textContent?.trim())).toEqual(["Le lieu", "Ses permanences", "L'affiche"]);
    expect(items[0].getAttribute("aria-current")).toBe("step");
    expect(screen.getByRole("heading", { name: "Étape 1 sur 3 : le lieu" })).toBeTruthy();
    await fireEvent.click(screen.getByRole("button", { name: "Quitter les premiers pas" }));
    expect(await screen.findByRole("button", { name: "Créer mon premier lieu" })).toBeTruthy();
  });

  it("shows the core's refusal under the field at fault, and saves nothing", async () => {
    const calls: string[] = [];
    mockIPC((cmd) => {
      calls.push(cmd);
      if (cmd === "vocabularies") return vocab;
      if (cmd === "list_sites") return [];
      if (cmd === "create_site") {
        throw { kind: "validation", field: "postcode", message: "Code postal : il faut cinq chiffres, par exemple 67000." };
      }
      return null;
    });
    render(Sites);
    await fireEvent.click(await screen.findByRole("button", { name: "Créer mon premier lieu" }));
    await fireEvent.input(screen.getByLabelText(/Nom du lieu/), { target: { value: "Médiathèque" } });
    await fireEvent.input(screen.getByLabelText(/Code postal/), { target: { value: "670" } });
    await fireEvent.click(screen.getByRole("button", { name: "Enregistrer le lieu" }));

    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("Rien n'a été enregistré");
    const postcode = screen.getByLabelText(/Code postal/);
    expect(postcode.getAttribute("aria-invalid")).toBe("true");
    const described = document.getElementById(postcode.getAttribute("aria-describedby")?.split(" ").pop() ?? "");
    expect(described?.textContent).toContain("il faut cinq chiffres");
    expect(calls.filter((c) => c === "create_site")).toHaveLength(1);
  });

  it("shows a site's week with its permanence under the right day", async () => {
    mockIPC((cmd) => ({ vocabularies: vocab, list_sites: [site], site_detail: detail })[cmd] ?? null);
    render(Sites);
    const heading = await screen.findByRole("heading", { name: "Médiathèque Olympe de Gouges" });
    expect(heading).toBeTruthy();
    const tuesday = screen.getByRole("heading", { name: "Mardi" }).closest("li");
    expect(tuesday?.textContent).toContain("14\u00a0h\u00a0– 17\u00a0h");
    expect(tuesday?.textContent).toContain("Samia Benali");
    const monday = screen.getByRole("heading", { name: "Lundi" }).closest("li");
    expect(monday?.textContent).toContain("Pas de permanence");
  });

  it("sends a new permanence to the core with the typed values", async () => {
    let sent: unknown = null;
    mockIPC((cmd, args) => {
      if (cmd === "create_permanence") {
        sent = args;
        return { ...detail.permanences[0], id: 11 };
      }
      return ({ vocabularies: vocab, list_sites: [site], site_detail: detail } as Record<string, unknown>)[cmd] ?? null;
    });
    render(Sites);
    await fireEvent.click(await screen.findByRole("button", { name: "Ajouter une permanence" }));
    await fireEvent.change(screen.getByLabelText("Jour"), { target: { value: "4" } });
    await fireEvent.input(screen.getByLabelText(/Début/), { target: { value: "9h" } });
    await fireEvent.input(screen.getByLabelText(/^Fin/), { target: { value: "12h" } });
    await fireEvent.click(screen.getByRole("button", { name: "Enregistrer la permanence" }));
    await waitFor(() => expect(sent).not.toBeNull());
    expect(sent).toMatchObject({
      input: { siteId: 1, weekday: 4, startTime: "9h", endTime: "12h", kind: "drop_in", capacity: 1 },
    });
  });

  it("says a place saved on the button the person came from, the form gone", async () => {
    const created = { ...site, id: 2, name: "Médiathèque Malraux" };
    let listed = [site];
    mockIPC((cmd) => {
      if (cmd === "create_site") {
        listed = [site, created];
        return created;
      }
      if (cmd === "list_sites") return listed;
      return ({ vocabularies: vocab, site_detail: detail } as Record<string, unknown>)[cmd] ?? null;
    });
    render(Sites);
    await screen.findByRole("button", { name: "Modifier le lieu" });
    await fireEvent.click(screen.getByRole("button", { name: "Ajouter un lieu" }));
    await fireEvent.input(await screen.findByLabelText(/Nom du lieu/), { target: { value: "Médiathèque Malraux" } });
    await fireEvent.click(screen.getByRole("button", { name: "Enregistrer le lieu" }));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole("button", { name: "Ajouter un lieu" })));
    expect(status.text).toBe("Lieu enregistré : Médiathèque Malraux.");
    expect(document.activeElement?.getAttribute("aria-describedby"), "the confirmation is its description").toContain(STATUS_ID);
    expect(screen.queryByRole("button", { name: "Enregistrer le lieu" }), "the form is gone").toBeNull();
  });

  it("says each step of the first place: the step, a region named by its title, takes the focus, described by what was just saved", async () => {
    const created = { ...site, id: 2, name: "Médiathèque Malraux" };
    mockIPC((cmd) => {
      if (cmd === "create_site") return created;
      if (cmd === "create_permanence") return { ...detail.permanences[0], id: 11, siteId: 2 };
      return ({ vocabularies: vocab, list_sites: [] } as Record<string, unknown>)[cmd] ?? null;
    });
    render(Sites);
    await fireEvent.click(await screen.findByRole("button", { name: "Créer mon premier lieu" }));
    // Orca 43 reads neither a focused heading nor a text field the page focuses: a region it reads.
    const first = await screen.findByRole("region", { name: "Étape 1 sur 3 : le lieu" });
    await waitFor(() => expect(document.activeElement).toBe(first));

    await fireEvent.input(screen.getByLabelText(/Nom du lieu/), { target: { value: "Médiathèque Malraux" } });
    // Pressed as a person does: the focus on the button first (a click in jsdom does not move it).
    const save = screen.getByRole("button", { name: "Enregistrer le lieu" });
    save.focus();
    await fireEvent.click(save);
    const second = await screen.findByRole("region", { name: "Étape 2 sur 3 : ses permanences" });
    await waitFor(() => expect(second.getAttribute("aria-describedby"), "the confirmation is its description").toBe(STATUS_ID));
    await waitFor(() => expect(document.activeElement).toBe(second));
    expect(status.text).toBe("Lieu enregistré : Médiathèque Malraux.");

    await fireEvent.click(screen.getByRole("button", { name: "Enregistrer la permanence" }));
    const next = await screen.findByRole("button", { name: "Continuer : l'affiche" });
    await waitFor(() => expect(document.activeElement).toBe(next));
    expect(status.text).toBe("Permanence enregistrée. 1 permanence pour Médiathèque Malraux.");
    expect(next.getAttribute("aria-describedby")).toBe(STATUS_ID);

    next.focus();
    await fireEvent.click(next);
    const third = await screen.findByRole("region", { name: "Étape 3 sur 3 : l'affiche" });
    await waitFor(() => expect(document.activeElement).toBe(third));
    const print = screen.getByRole("button", { name: "Imprimer l'affiche" });
    print.focus();
    await fireEvent.click(print);
    const finish = await screen.findByRole("button", { name: "Terminer" });
    await waitFor(() => expect(document.activeElement, "the poster's confirmation said on « Terminer »").toBe(finish));
    expect(status.text).toContain("L'affiche s'ouvre dans votre lecteur de PDF");
  });
});
