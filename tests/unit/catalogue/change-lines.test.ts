import { describe, expect, it } from "vitest";
import { describeChangeValue, formatIsoDate } from "~/components/catalogue/change-lines";
import { createI18n } from "~/i18n/i18n";

const t = createI18n("it").t as unknown as (key: string, options?: Record<string, unknown>) => string;
const lookups = {
  organizations: new Map([["o1", "Vela Dislessia"], ["o2", "IC Faloppio"]]),
  terms: new Map([["t1", "Scuola e DSA › Supporto DSA"]]),
  comuni: new Map([["c1", "Faloppio"]]),
};
// Intl puts a no-break space before the euro sign.
const lines = (field: string, value: unknown) => describeChangeValue(field, value, t, lookups, "it").map((line) => line.replace(/\u00a0/g, " "));

describe("service history lines", () => {
  it("names organizations, categories and languages instead of ids and codes", () => {
    expect(lines("organizations", [{ organizationId: "o1", isLead: true }, { organizationId: "o2", isLead: false }, { organizationId: "gone", isLead: false }])).toEqual([
      "Vela Dislessia (capofila)",
      "IC Faloppio",
      "(non più presente)",
    ]);
    expect(lines("termIds", ["t1"])).toEqual(["Scuola e DSA › Supporto DSA"]);
    expect(lines("languages", ["it", "ar"])).toEqual(["Italiano", "Arabo"]);
    expect(lines("status", "TEMPORARILY_CLOSED")).toEqual(["Temporaneamente chiuso"]);
  });

  it("writes hours, exceptions, costs, places and contacts as sentences", () => {
    expect(lines("weeklyHours", [{ weekday: 2, opensAt: "09:00", closesAt: "12:00", validFrom: "2026-09-01" }])).toEqual(["Martedì 09:00–12:00 (dal 1 set 2026)"]);
    expect(lines("exceptions", [{ date: "2026-12-24" }, { date: "2026-12-31", opensAt: "09:00", closesAt: "11:00", description: "Ultimo dell'anno" }])).toEqual([
      "24 dic 2026: chiuso tutto il giorno",
      "31 dic 2026: 09:00–11:00 · Ultimo dell'anno",
    ]);
    expect(lines("costs", [{ kind: "REDUCED", amountEuro: 12.5, amountDescription: "ISEE sotto 15.000 €" }, { kind: "FREE" }])).toEqual(["Tariffa ridotta: 12,50 € · ISEE sotto 15.000 €", "Gratuito"]);
    expect(lines("locations", [{ name: "Sede", address: "Via Roma 1", postalCode: "22020", comuneId: "c1", latitude: 45.8, longitude: 8.98 }])).toEqual(["Sede: Via Roma 1, 22020 Faloppio (45.8, 8.98)"]);
    expect(lines("contacts", [{ name: "Sportello", phone: "031 123456" }])).toEqual(["Sportello · 031 123456"]);
  });

  it("gives nothing for an empty value, and text, numbers and the creation as they are", () => {
    expect(lines("alert", null)).toEqual([]);
    expect(lines("requiredDocuments", [])).toEqual([]);
    expect(lines("requiredDocuments", ["ISEE", "Diagnosi"])).toEqual(["ISEE", "Diagnosi"]);
    expect(lines("minimumAge", 6)).toEqual(["6"]);
    expect(lines("created", { name: "Sportello", status: "DRAFT" })).toEqual(["Creato come «Sportello» (Bozza)"]);
    expect(formatIsoDate("2026-03-01", "en")).toBe("1 Mar 2026");
  });
});
