import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { serviceSchema } from "~/schemas/service";

const lead = randomUUID();
const valid = {
  name: "Centro di ascolto",
  description: "Ascolto e orientamento per chi attraversa un momento difficile.",
  organizations: [{ organizationId: lead, isLead: true }],
  termIds: [randomUUID()],
};
const errorsOf = (input: object) => {
  const result = serviceSchema.safeParse(input);
  return result.success ? {} : Object.fromEntries(result.error.issues.map((issue) => [issue.path.join("."), issue.message]));
};

describe("serviceSchema", () => {
  it("accepts a minimal service and defaults languages to Italian", () => {
    expect(serviceSchema.parse(valid).languages).toEqual(["it"]);
  });

  it("needs exactly one lead organization, each organization once, and a category", () => {
    expect(errorsOf({ ...valid, organizations: [{ organizationId: lead, isLead: false }] })).toEqual({ organizations: "catalogue.errors.oneLead" });
    expect(errorsOf({ ...valid, organizations: [{ organizationId: lead, isLead: true }, { organizationId: lead, isLead: false }] })).toEqual({ organizations: "catalogue.errors.duplicateOrganization" });
    expect(errorsOf({ ...valid, termIds: [] })).toEqual({ termIds: "catalogue.errors.terms" });
  });

  it("refuses hours that close before they open, validity that ends before it starts, and half-given exception times", () => {
    expect(errorsOf({ ...valid, weeklyHours: [{ weekday: 1, opensAt: "12:00", closesAt: "09:00" }] })).toEqual({ "weeklyHours.0.closesAt": "catalogue.errors.closesBeforeOpens" });
    expect(errorsOf({ ...valid, weeklyHours: [{ weekday: 1, opensAt: "09:00", closesAt: "12:00", validFrom: "2026-09-01", validTo: "2026-06-01" }] })).toEqual({ "weeklyHours.0.validTo": "catalogue.errors.validToBeforeFrom" });
    expect(errorsOf({ ...valid, exceptions: [{ date: "2026-12-08", opensAt: "09:00" }] })).toEqual({ "exceptions.0.closesAt": "catalogue.errors.bothTimes" });
    expect(errorsOf({ ...valid, weeklyHours: [{ weekday: 8, opensAt: "25:00", closesAt: "12:00" }] })).toMatchObject({ "weeklyHours.0.weekday": "forms.invalidChoice", "weeklyHours.0.opensAt": "forms.invalidTime" });
  });

  it("asks for the conditions of a reduced fee, a reachable contact and a sane age range", () => {
    expect(errorsOf({ ...valid, costs: [{ kind: "REDUCED", amountEuro: 10 }] })).toEqual({ "costs.0.amountDescription": "catalogue.errors.reducedNeedsConditions" });
    expect(errorsOf({ ...valid, contacts: [{ name: "Segreteria" }] })).toEqual({ "contacts.0.phone": "catalogue.errors.contactNeedsReach" });
    expect(errorsOf({ ...valid, minimumAge: 14, maximumAge: 8 })).toEqual({ maximumAge: "catalogue.errors.ageRange" });
  });
});
