// A chart of Statistiques: the drawing is an image named by its finding, each bar's length
// is its value against the axis top, and the table reads the same numbers.
import { cleanup, fireEvent, render, screen, within } from "@testing-library/svelte";
import { afterEach, describe, expect, it } from "vitest";
import StatsChart from "../src/components/StatsChart.svelte";
import type { Chart } from "../src/lib/api";

afterEach(cleanup);

const months: Chart = {
  id: "months",
  heading: "Mois par mois",
  finding: "Le mois le plus chargé : mars 2027 (40 accompagnements) ; le plus calme : août 2026 (10)",
  layout: "columns",
  unit: "count",
  series: ["Personnes accompagnées", "Accompagnements", "Rendez-vous honorés", "Rendez-vous manqués"],
  rowHeader: "Mois",
  columns: ["Personnes accompagnées", "Accompagnements", "Rendez-vous honorés", "Rendez-vous manqués"],
  rows: [
    { label: "août 2026", values: [8, 10, 3, 1], cells: ["8", "10", "3", "1"] },
    { label: "mars 2027", values: [30, 40, 12, 2], cells: ["30", "40", "12", "2"] },
  ],
};

const reminded: Chart = {
  id: "reminded",
  heading: "Rappel et absences",
  finding: "Prévenues, les personnes manquent moins souvent : 20 % d'absences (5 rendez-vous) contre 66,7 % sans rappel (3 rendez-vous)",
  layout: "bars",
  unit: "perMille",
  series: ["Taux d'absence"],
  rowHeader: "Rendez-vous",
  columns: ["Taux d'absence", "Absences", "Rendez-vous honorés ou manqués"],
  rows: [
    { label: "Personne prévenue", values: [200], cells: ["20 %", "1", "5"] },
    { label: "Personne non prévenue", values: [667], cells: ["66,7 %", "2", "3"] },
  ],
};

describe("A chart", () => {
  it("is an image named by its finding, with its numbers in a table", async () => {
    render(StatsChart, { chart: months });
    const image = screen.getByRole("img", { name: months.finding });
    // Four columns a month; the axis top is 50 (the next round number above 40).
    const bars = [...image.querySelectorAll("rect")];
    expect(bars.length).toBe(8);
    expect(bars.map((b) => b.getAttribute("height"))).toEqual(["1.92em", "2.4em", "0.72em", "0.24em", "7.2em", "9.6em", "2.88em", "0.48em"]);
    const table = screen.getByRole("table", { name: "Mois par mois : les chiffres" });
    const rows = within(table).getAllByRole("row").map((r) => r.textContent?.trim());
    expect(rows).toEqual(["MoisPersonnes accompagnéesAccompagnementsRendez-vous honorésRendez-vous manqués", "août 202681031", "mars 2027304012" + "2"]);
    const toggle = screen.getByRole("button", { name: /^Afficher les chiffres ?: Mois par mois/ });
    expect(toggle.getAttribute("aria-expanded")).toBe("false");
    await fireEvent.click(toggle);
    expect(screen.getByRole("button", { name: /^Masquer les chiffres ?: Mois par mois/ }).getAttribute("aria-expanded")).toBe("true");
  });

  it("draws rates as bars and shows each rate beside its bar", () => {
    render(StatsChart, { chart: reminded });
    const image = screen.getByRole("img", { name: reminded.finding });
    const widths = [...image.querySelectorAll("rect")].map((b) => b.getAttribute("width"));
    // Against an axis top of 1000 (100 %), on 82 % of the width.
    expect(widths).toEqual(["16.4%", "54.69%"]);
    expect(within(image as unknown as HTMLElement).getByText("66,7 %")).toBeTruthy();
  });
});
