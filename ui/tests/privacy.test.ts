import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { afterEach, describe, expect, it } from "vitest";
import PersonRights from "../src/components/PersonRights.svelte";
import RetentionSection from "../src/components/RetentionSection.svelte";
import type { Beneficiary, RetentionStatus } from "../src/lib/api";

afterEach(() => {
  cleanup();
  clearMocks();
});

const status: RetentionStatus = {
  settings: { beneficiaryMonths: 24, appointmentMonths: 3 },
  lastPurge: { when: "samedi 28 novembre 2026 à 9 h 02", cause: "daily", counts: { beneficiaries: 0, appointments: 0, walkIns: 0, waiting: 0 } },
  due: { beneficiaries: 2, appointments: 5, walkIns: 0, waiting: 1 },
};

describe("Conservation des données", () => {
  it("shows what the purge would erase, and erases only once confirmed", async () => {
    const calls: string[] = [];
    mockIPC((cmd) => {
      calls.push(cmd);
      if (cmd === "retention_status") return status;
      if (cmd === "purge_now") return status.due;
      return null;
    });
    render(RetentionSection);
    expect(await screen.findByText(/rien n'était trop ancien/)).toBeTruthy();
    await fireEvent.click(screen.getByRole("button", { name: "Effacer maintenant les données trop anciennes" }));
    const dialog = await screen.findByRole("dialog");
    expect(dialog.textContent).toContain("2 personnes suivies");
    expect(dialog.textContent).toContain("5 rendez-vous");
    expect(dialog.textContent).toContain("1 inscription en liste d'attente");
    await fireEvent.click(within(dialog).getByRole("button", { name: "Annuler" }));
    expect(calls).not.toContain("purge_now");

    await fireEvent.click(screen.getByRole("button", { name: "Effacer maintenant les données trop anciennes" }));
    await fireEvent.click(within(await screen.findByRole("dialog")).getByRole("button", { name: "Effacer" }));
    await waitFor(() => expect(calls.filter((c) => c === "purge_now")).toHaveLength(1));
  });

  it("shows the core's refusal of a duration on its field", async () => {
    const sent: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "retention_status") return status;
      if (cmd === "set_retention") {
        sent.push((args as { settings: unknown }).settings);
        throw { kind: "validation", field: "beneficiaryMonths", message: "Personnes suivies : entre 1 et 60 mois après leur dernière venue." };
      }
      return null;
    });
    render(RetentionSection);
    const months = (await screen.findByLabelText(/Personnes suivies/)) as HTMLInputElement;
    // The saved settings are shown first (the button waits for them).
    const button = screen.getByRole("button", { name: "Enregistrer les durées" }) as HTMLButtonElement;
    await waitFor(() => expect(button.disabled).toBe(false));
    await fireEvent.input(months, { target: { value: "" } });
    await fireEvent.click(screen.getByRole("button", { name: "Enregistrer les durées" }));
    expect((await screen.findByRole("alert")).textContent).toContain("entre 1 et 60 mois");
    expect(sent).toEqual([{ beneficiaryMonths: 0, appointmentMonths: 3 }]);
    expect(months.getAttribute("aria-invalid")).toBe("true");
  });
});

describe("Droits d'une personne suivie", () => {
  const person = { id: 4, displayName: "DURAND Marie", visitCount: 3 } as Beneficiary;

  it("says what stays before erasing, and erases only once confirmed", async () => {
    const erased: unknown[] = [];
    let done = 0;
    mockIPC((cmd, args) => {
      if (cmd === "erase_beneficiary") {
        erased.push((args as { id: number }).id);
        return { visitsKept: 3 };
      }
      if (cmd === "save_beneficiary_export") return `/tmp/donnees-personne-4.${(args as { json: boolean }).json ? "json" : "pdf"}`;
      return null;
    });
    render(PersonRights, { person, onerased: () => (done += 1) });
    await fireEvent.click(screen.getByRole("button", { name: "Exporter ses données (JSON)" }));
    expect(await screen.findByText("/tmp/donnees-personne-4.json")).toBeTruthy();

    await fireEvent.click(screen.getByRole("button", { name: "Effacer cette personne" }));
    const dialog = await screen.findByRole("dialog");
    expect(dialog.textContent).toContain("Ce qui reste");
    expect(dialog.textContent).toContain("ses 3 accompagnements");
    expect(document.activeElement?.id).toBe("erase-cancel");
    await fireEvent.click(within(dialog).getByRole("button", { name: "Annuler" }));
    expect(erased).toEqual([]);

    await fireEvent.click(screen.getByRole("button", { name: "Effacer cette personne" }));
    await fireEvent.click(within(await screen.findByRole("dialog")).getByRole("button", { name: "Effacer cette personne" }));
    await waitFor(() => expect(done).toBe(1));
    expect(erased).toEqual([4]);
  });
});
