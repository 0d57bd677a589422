import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { afterEach, describe, expect, it } from "vitest";
import Documents from "../src/areas/Documents.svelte";
import { site } from "./fixtures";

afterEach(() => {
  cleanup();
  clearMocks();
});

describe("Documents", () => {
  it("previews the chosen document and asks the core for the right one", async () => {
    const requests: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "list_sites") return [site];
      if (cmd === "list_mediators") return [];
      if (cmd === "document_preview") {
        const request = (args as { request: { kind: string } }).request;
        requests.push(request);
        return {
          svg: "<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'></svg>",
          pages: 1,
          kilobytes: 21,
          fileName: "affiche.pdf",
          internal: request.kind === "daySheet",
        };
      }
      if (cmd === "save_document") return "/home/mediatrice/affiche.pdf";
      return null;
    });
    render(Documents);
    const img = await screen.findByAltText(/Aperçu de la première page/);
    expect(img.getAttribute("src")).toMatch(/^data:image\/svg\+xml/);
    expect(requests[0]).toEqual({ kind: "poster", siteId: 1, options: { size: "a4", largePrint: false, logo: { kind: "none" } } });
    expect(screen.getByText(/1 page, 21 Ko/)).toBeTruthy();

    await fireEvent.click(screen.getByLabelText(/Gros caractères/));
    await waitFor(() => expect(requests[requests.length - 1]).toEqual({ kind: "poster", siteId: 1, options: { size: "a4", largePrint: true, logo: { kind: "none" } } }));

    await fireEvent.click(screen.getByLabelText(/Feuille du jour/));
    await waitFor(() => expect(requests[requests.length - 1]).toEqual({ kind: "daySheet", siteId: 1, date: "" }));
    expect(await screen.findByText(/Document interne/)).toBeTruthy();

    await fireEvent.click(screen.getByRole("button", { name: "Enregistrer le PDF…" }));
    expect(await screen.findByText("/home/mediatrice/affiche.pdf")).toBeTruthy();
  });
});
