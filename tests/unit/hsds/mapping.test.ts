import { describe, expect, it } from "vitest";
import { derivedId, isUuidString, rowIdFor } from "~/hsds/ids";
import { asEmail, asUri, fromHsdsDate, fromHsdsTime, layer, toHsdsTime, weekdayOf } from "~/hsds/mapping";
import { detectKind, parseHsdsDocument, validateAgainstSchema } from "~/models/hsds-import.server";
import { hsdsPage, parseHsdsQuery, servicesQuery, HsdsBadRequest } from "~/hsds/api.server";

describe("HSDS mapping helpers", () => {
  it("derives stable uuid v5 ids and keeps uuids as row ids", () => {
    const parent = "ac148810-d857-441c-9679-408f346de14b";
    expect(derivedId(parent, "phone")).toBe(derivedId(parent, "phone"));
    expect(derivedId(parent, "phone")).not.toBe(derivedId(parent, "language", "it"));
    expect(isUuidString(derivedId(parent, "phone"))).toBe(true);
    expect(rowIdFor("service", parent.toUpperCase())).toBe(parent);
    expect(isUuidString(rowIdFor("service", "svc-42"))).toBe(true);
  });

  it("converts times, dates and weekdays both ways", () => {
    expect(toHsdsTime("09:30")).toBe("09:30:00");
    expect(fromHsdsTime("09:30:00")).toBe("09:30");
    expect(fromHsdsTime("9:05")).toBe("09:05");
    expect(fromHsdsTime("25:00")).toBeNull();
    expect(fromHsdsDate("2026-02-28")?.toISOString()).toBe("2026-02-28T00:00:00.000Z");
    expect(fromHsdsDate("2026-02-30")).toBeNull();
    expect([weekdayOf("MO"), weekdayOf("su"), weekdayOf("XX")]).toEqual([1, 7, null]);
  });

  it("leaves out values that would break the schema's formats", () => {
    expect(asUri("www.example.it")).toBe("https://www.example.it");
    expect(asUri("not a url at all")).toBeUndefined();
    expect(asEmail("info@example.it")).toBe("info@example.it");
    expect(asEmail("nope")).toBeUndefined();
  });

  it("layers defaults < imported extras < our rows", () => {
    expect(layer({ currency: "EUR", option: "A pagamento" }, { currency: "gbp", extension: 3 }, { amount: 35, missing: undefined })).toEqual({ currency: "gbp", option: "A pagamento", extension: 3, amount: 35 });
  });
});

describe("import parsing", () => {
  it("tells services from organizations and refuses what is not a JSON object", () => {
    expect(detectKind({ id: "x", name: "n", status: "active" })).toBe("service");
    expect(detectKind({ id: "x", name: "n", description: "d", services: [] })).toBe("organization");
    expect(parseHsdsDocument("nope")).toMatchObject({ ok: false, problems: [{ code: "notJson" }] });
    expect(parseHsdsDocument("null")).toMatchObject({ ok: false, problems: [{ code: "notObject" }] });
    expect(validateAgainstSchema({ id: "x" }, "organization").map((problem) => problem.path).sort()).toEqual(["/description", "/id", "/name"]);
  });
});

describe("API query parameters", () => {
  it("parses paging and filters, and lists every bad parameter", () => {
    expect(parseHsdsQuery(new Request("http://x/?page=2&per_page=10&full=true"), servicesQuery)).toMatchObject({ page: 2, per_page: 10, full: true });
    expect(() => parseHsdsQuery(new Request("http://x/?page=-1&nope=1"), servicesQuery)).toThrow(HsdsBadRequest);
    expect(hsdsPage([], 0, { page: 1, per_page: 10 })).toEqual({ total_items: 0, total_pages: 0, page_number: 1, size: 0, first_page: true, last_page: true, empty: true, contents: [] });
  });
});
