// The coordinators' service form → serviceSchema (issue #5): the same parse runs in the browser
// and on the server, so it is tested here on real FormData, the way conform reads it.
import { parseWithZod } from "@conform-to/zod";
import { describe, expect, it } from "vitest";
import { errorsFor, formValuesToServiceInput, serviceFormErrorMap, serviceFormSchema, serviceInputToFormValues } from "~/schemas/service-form";
import type { ServiceInput } from "~/schemas/service";

const ORG_A = "11111111-1111-4111-8111-111111111111";
const ORG_B = "22222222-2222-4222-8222-222222222222";
const TERM = "33333333-3333-4333-8333-333333333333";
const COMUNE = { id: "44444444-4444-4444-8444-444444444444", name: "Olgiate Comasco", latitude: 45.785, longitude: 8.967 };

function formData(entries: [string, string][]) {
  const data = new FormData();
  for (const [name, value] of entries) data.append(name, value);
  return data;
}

const VALID: [string, string][] = [
  ["name", "Sportello DSA"],
  ["description", "Orientamento per le famiglie di ragazzi con DSA, una volta alla settimana."],
  ["organizationIds", ORG_A],
  ["organizationIds", ORG_B],
  ["leadOrganizationId", ORG_B],
  ["languages", "it"],
  ["termIds", TERM],
  ["requiredDocumentsText", "Carta d'identità\n\n  Diagnosi DSA  \r\n"],
  ["locations[0].name", "Sede"],
  ["locations[0].address", "Via Roma 1"],
  ["locations[0].comuneId", COMUNE.id],
  ["locations[0].city", ""],
  ["locations[0].latitude", ""],
  ["locations[0].longitude", "8,97"],
  ["weeklyHours[0].weekday", "2"],
  ["weeklyHours[0].opensAt", "09:00"],
  ["weeklyHours[0].closesAt", "12:30"],
  ["costs[0].kind", "REDUCED"],
  ["costs[0].amountEuro", "12,50 €"],
  ["costs[0].amountDescription", "ISEE sotto 15.000 €"],
  ["costs[1].kind", "FREE"],
  ["costs[1].amountEuro", "3"],
];

const parse = (entries: [string, string][]) => parseWithZod(formData(entries), { schema: serviceFormSchema([COMUNE]), errorMap: serviceFormErrorMap });

describe("service form data", () => {
  it("maps checkboxes, the lead radio, document lines, decimal commas and comune centres onto the service input", () => {
    const submission = parse(VALID);
    expect(submission.status).toBe("success");
    const value = (submission as { value: ServiceInput }).value;
    expect(value.organizations).toEqual([
      { organizationId: ORG_B, isLead: true },
      { organizationId: ORG_A, isLead: false },
    ]);
    expect(value.requiredDocuments).toEqual(["Carta d'identità", "Diagnosi DSA"]);
    expect(value.locations[0]).toMatchObject({ city: "Olgiate Comasco", latitude: 45.785, longitude: 8.97, comuneId: COMUNE.id });
    expect(value.costs).toEqual([
      { kind: "REDUCED", amountEuro: 12.5, amountDescription: "ISEE sotto 15.000 €" },
      { kind: "FREE" },
    ]);
    expect(value.weeklyHours).toEqual([{ weekday: 2, opensAt: "09:00", closesAt: "12:30" }]);
    expect(value.languages).toEqual(["it"]);
  });

  it("adds a lead that was not ticked among the organizations, and sorts the categories as they are stored", () => {
    expect(formValuesToServiceInput({ organizationIds: ORG_A, leadOrganizationId: ORG_B, termIds: [TERM, ORG_A, TERM] }, [])).toMatchObject({
      organizations: [
        { organizationId: ORG_B, isLead: true },
        { organizationId: ORG_A, isLead: false },
      ],
      termIds: [ORG_A, TERM],
    });
  });

  it("reports the schema's i18n keys where the form shows them", () => {
    const broken = VALID.filter(([name]) => name !== "leadOrganizationId" && name !== "termIds" && name !== "costs[0].amountDescription").map(([name, value]): [string, string] =>
      name === "weeklyHours[0].closesAt" ? [name, "08:00"] : [name, value],
    );
    const submission = parse([...broken, ["locations[0].longitude", ""], ["requiredDocumentsText", "x"]].filter(([name], index, all) => all.findLastIndex(([other]) => other === name) === index) as [string, string][]);
    expect(submission.status).toBe("error");
    const errors = (submission as { error?: Record<string, string[]> }).error ?? {};
    expect(errors["organizations"]).toEqual(["catalogue.errors.oneLead"]);
    expect(errors["termIds"]).toEqual(["catalogue.errors.terms"]);
    expect(errors["weeklyHours[0].closesAt"]).toEqual(["catalogue.errors.closesBeforeOpens"]);
    expect(errors["costs[0].amountDescription"]).toEqual(["catalogue.errors.reducedNeedsConditions"]);
    // Filled from the comune when empty, so no error on the emptied longitude.
    expect(errors["locations[0].longitude"]).toBeUndefined();
    expect(errorsFor(errors, "requiredDocuments")).toEqual([{ index: 0, message: "forms.tooShort?min=2" }]);
    expect(errorsFor(errors, "organizations")).toEqual([{ index: null, message: "catalogue.errors.oneLead" }]);
  });

  it("turns a missing or non-numeric coordinate into the app's messages (no comune to fill it from)", () => {
    const submission = parse([...VALID.filter(([name]) => !name.startsWith("locations[0].comuneId") && !name.startsWith("locations[0].l") && name !== "locations[0].city"), ["locations[0].latitude", "nord"]]);
    const errors = (submission as { error?: Record<string, string[]> }).error ?? {};
    expect(errors["locations[0].latitude"]).toEqual(["forms.invalidNumber"]);
    // z.coerce.number turns an empty field into NaN: "not a valid number" rather than "required".
    expect(errors["locations[0].longitude"]).toEqual(["forms.invalidNumber"]);
    expect(errors["locations[0].city"]).toEqual(["forms.required"]);
  });

  it("gives a stored service back as form values, and they parse to the same input", () => {
    const input: ServiceInput = {
      name: "Centro di ascolto",
      description: "Ascolto e orientamento per chi è in difficoltà, su appuntamento.",
      requiredDocuments: ["ISEE"],
      languages: ["it", "fr"],
      organizations: [{ organizationId: ORG_A, isLead: true }],
      locations: [{ id: "55555555-5555-4555-8555-555555555555", name: "Sede", address: "Via Roma 1", city: "Olgiate Comasco", comuneId: COMUNE.id, latitude: 45.78, longitude: 8.96 }],
      weeklyHours: [{ weekday: 1, opensAt: "09:00", closesAt: "12:00", validFrom: "2026-09-01", validTo: "2027-06-30" }],
      exceptions: [{ date: "2026-12-24" }],
      costs: [{ kind: "FEE", amountEuro: 10 }],
      contacts: [{ name: "Sportello", phone: "031 123456" }],
      termIds: [TERM],
      minimumAge: 6,
    };
    const values = serviceInputToFormValues(input);
    expect(values).toMatchObject({ organizationIds: [ORG_A], leadOrganizationId: ORG_A, requiredDocumentsText: "ISEE", minimumAge: "6" });
    const entries: [string, string][] = [];
    const walk = (prefix: string, value: unknown) => {
      if (Array.isArray(value)) value.forEach((item, index) => walk(typeof item === "object" ? `${prefix}[${index}]` : prefix, item));
      else if (value && typeof value === "object") for (const [key, inner] of Object.entries(value)) walk(prefix ? `${prefix}.${key}` : key, inner);
      else entries.push([prefix, String(value)]);
    };
    walk("", values);
    const submission = parse(entries);
    expect(submission.status).toBe("success");
    expect((submission as { value: ServiceInput }).value).toEqual({ ...input, alert: undefined, exceptions: [{ date: "2026-12-24" }] });
  });
});
