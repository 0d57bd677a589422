import { cleanup, fireEvent, render, screen } from "@testing-library/svelte";
import { afterEach, describe, expect, it } from "vitest";
import { files, pictures } from "virtual:guide";
import Guide from "../src/areas/Guide.svelte";
import { guidePages, pageFor, screenOf } from "../src/lib/guide";
import { fold, inlines, linkedSlug, parse, search } from "../src/lib/markdown";
import { nav } from "../src/lib/nav.svelte";

afterEach(() => {
  cleanup();
  nav.guidePage = null;
});

describe("the guide's Markdown", () => {
  it("reads headings, lists, pictures, bold, keys and links; the rest stays text", () => {
    const page = parse(
      "# Titre\n\n<!-- écrans : agenda, retrouver -->\n\nUn **mot** et `F1`, voir [là](02-x.md).\n<b>pas du HTML</b>\n\n1. un\n2. deux\n   suite\n\n- a\n\n![Une image](../screenshots/a.png)\n",
    );
    expect(page.title).toBe("Titre");
    expect(page.screens).toEqual(["agenda", "retrouver"]);
    expect(page.blocks.map((b) => b.kind)).toEqual(["heading", "paragraph", "list", "list", "picture"]);
    const para = page.blocks[1];
    expect(para.kind === "paragraph" && para.inlines.map((i) => i.kind)).toEqual(["text", "strong", "text", "key", "text", "link", "text"]);
    expect(para.kind === "paragraph" && para.inlines[para.inlines.length - 1]?.text).toContain("<b>pas du HTML</b>");
    const ordered = page.blocks[2];
    expect(ordered.kind === "list" && ordered.ordered && ordered.items.map((i) => i.map((x) => x.text).join(""))).toEqual(["un", "deux suite"]);
    expect(inlines("sans rien")).toEqual([{ kind: "text", text: "sans rien" }]);
    expect(linkedSlug("07-partager.md")).toBe("07-partager");
    expect(linkedSlug("https://exemple.fr")).toBeNull();
  });

  it("finds pages by their words, accents and case aside", () => {
    const found = search(guidePages, "echap");
    expect(found.length).toBeGreaterThan(0);
    for (const p of found) expect(p.words).toContain(fold("échap"));
    expect(search(guidePages, "mot-introuvable-xyz")).toEqual([]);
    expect(search(guidePages, "  ")).toHaveLength(guidePages.length);
  });
});

describe("the guide built into the app", () => {
  it("has the task pages the issue lists, each with a title and a screen", () => {
    const titles = guidePages.map((p) => p.title);
    for (const t of [
      "Prendre un rendez-vous",
      "Accueillir sans rendez-vous",
      "La liste d'attente",
      "Noter un accompagnement",
      "Retrouver et prévenir",
      "Imprimer pour le public",
      "Partager avec d'autres accueils",
      "Rendre compte à la Coop et aux financeurs",
      "Protéger les données personnelles",
      "Sauvegarder et restaurer",
    ]) {
      expect(titles, t).toContain(t);
    }
    for (const p of guidePages) expect(p.screens.length, p.slug).toBeGreaterThan(0);
    expect(Object.keys(files)).toHaveLength(guidePages.length);
  });

  it("has a page for every section of the navigation", () => {
    for (const area of ["agenda", "accompagnements", "lieux", "documents", "statistiques", "parametres"]) {
      expect(guidePages.some((p) => p.screens.includes(area)), area).toBe(true);
    }
  });

  it("links only to its own pages, and every picture it shows is bundled", () => {
    const slugs = new Set(guidePages.map((p) => p.slug));
    for (const p of guidePages) {
      for (const b of p.blocks) {
        if (b.kind === "picture") expect(pictures[b.src], `${p.slug}: ${b.src}`).toBeTruthy();
        const runs = b.kind === "paragraph" ? b.inlines : b.kind === "list" ? b.items.flat() : [];
        for (const r of runs) if (r.kind === "link") expect(slugs.has(linkedSlug(r.href) ?? ""), `${p.slug}: ${r.href}`).toBe(true);
      }
    }
  });

  it("opens on the page of the part that has the focus, else of the section", () => {
    document.body.innerHTML = '<section data-guide="liste-d-attente"><button id="in">x</button></section><button id="out">y</button>';
    expect(pageFor(screenOf(document.getElementById("in"), "agenda"))).toBe("04-liste-d-attente");
    expect(pageFor(screenOf(document.getElementById("out"), "agenda"))).toBe("02-prendre-un-rendez-vous");
    expect(pageFor(screenOf(null, "statistiques"))).toBe("09-rendre-compte");
    document.body.innerHTML = "";
  });

  it("shows the page asked for, follows a link to another page, and searches", async () => {
    nav.guidePage = "01-premiers-pas";
    render(Guide, { from: { area: "lieux", label: "Lieux et permanences" } });
    expect(screen.getByRole("heading", { level: 2, name: "Premiers pas" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Revenir à « Lieux et permanences »" })).toBeTruthy();
    await fireEvent.click(screen.getByRole("link", { name: "la page sur le partage entre accueils" }));
    expect(await screen.findByRole("heading", { level: 2, name: "Partager avec d'autres accueils" })).toBeTruthy();
    await fireEvent.input(screen.getByLabelText("Chercher dans le guide"), { target: { value: "sauvegarde" } });
    const links = screen.getAllByRole("link").map((a) => a.textContent);
    expect(links).toContain("Sauvegarder et restaurer");
    expect(links).not.toContain("Noter un accompagnement");
    expect(screen.getByRole("status").textContent).toMatch(/pages? trouvées?/);
  });
});
