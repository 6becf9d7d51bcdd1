import { unzipSync, strFromU8 } from "fflate";
import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { hsdsSpecDirectory } from "~/hsds/schemas.server";
import { createTestOrganization, createTestService, createTestTaxonomy } from "../../support/factories";
import { apiGet } from "./support";
import fs from "node:fs";
import path from "node:path";

// GET /api/hsds/export.zip: the published catalogue as an HSDS 3.0 tabular data package.

const FILES = [
  "datapackage.json",
  "services.csv",
  "organizations.csv",
  "locations.csv",
  "service_at_location.csv",
  "phones.csv",
  "contacts.csv",
  "schedules.csv",
  "cost_options.csv",
  "languages.csv",
  "addresses.csv",
  "accessibility.csv",
  "required_documents.csv",
  "taxonomies.csv",
  "taxonomy_terms.csv",
  "attributes.csv",
];

const exampleHeader = (file: string) => fs.readFileSync(path.join(hsdsSpecDirectory(), "examples", "csv", file), "utf8").split(/\r?\n/)[0];

describe("the CSV datapackage export", () => {
  it("zips datapackage.json and one CSV per table, with the spec's columns, published services only", async () => {
    const organization = await createTestOrganization({ name: 'Cooperativa "Virgolette", e a capo' });
    const { terms } = await createTestTaxonomy({ terms: 1 });
    const published = await createTestService({ organizationId: organization.id, termIds: [terms[0].id], description: "Riga uno,\nriga \"due\"" });
    const closed = await createTestService({ organizationId: organization.id, status: "TEMPORARILY_CLOSED" });
    const draft = await createTestService({ organizationId: organization.id, status: "DRAFT" });

    const response = await apiGet("/api/hsds/export.zip");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/zip");
    expect(response.headers.get("content-disposition")).toMatch(/attachment; filename="catalogo-hsds-\d{4}-\d{2}-\d{2}\.zip"/);
    const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
    expect(Object.keys(files).sort()).toEqual([...FILES].sort());

    for (const file of FILES.filter((name) => name.endsWith(".csv"))) {
      expect(strFromU8(files[file]).split("\n")[0], file).toBe(exampleHeader(file));
    }

    const services = strFromU8(files["services.csv"]);
    expect(services).toContain(published.id);
    expect(services).toContain(closed.id);
    expect(services).not.toContain(draft.id);
    // Quotes and line breaks are quoted by the CSV library, not mangled.
    expect(services).toContain('"Riga uno,\nriga ""due"""');
    expect(strFromU8(files["organizations.csv"])).toContain('"Cooperativa ""Virgolette"", e a capo"');

    const links = strFromU8(files["service_at_location.csv"]).trim().split("\n").slice(1);
    const ourLinks = links.filter((line) => line.includes(published.id) || line.includes(closed.id) || line.includes(draft.id));
    expect(ourLinks).toHaveLength(2);
    expect(strFromU8(files["attributes.csv"])).toContain(terms[0].id);
    const weekly = strFromU8(files["schedules.csv"]).split("\n").filter((line) => line.includes(published.id) && line.includes("WEEKLY"));
    expect(weekly).toHaveLength(1);
    expect(weekly[0]).toContain("MO,WE");

    const datapackage = JSON.parse(strFromU8(files["datapackage.json"]));
    expect(datapackage.profile).toBe("tabular-data-package");
    expect(datapackage.resources.map((resource: { path: string }) => resource.path).sort()).toEqual(FILES.filter((name) => name.endsWith(".csv")).sort());
    const servicesResource = datapackage.resources.find((resource: { name: string }) => resource.name === "service");
    expect(servicesResource.schema.fields.map((field: { name: string }) => field.name).join(",")).toBe(exampleHeader("services.csv"));
    expect(await prisma.service.count({ where: { id: draft.id } })).toBe(1);
  });
});
