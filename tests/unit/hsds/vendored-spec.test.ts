import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { hsdsSpecDirectory, hsdsValidator, readHsdsSpecFile } from "~/hsds/schemas.server";

// The HSDS 3.0 files vendored in app/hsds/spec must stay the official ones: when the workspace's
// ../shared/hsds-3.0 is there (it is not in CI's clean clone), every vendored file is compared byte
// for byte. The official examples must validate against the vendored compiled schemas.

const shared = path.resolve(process.cwd(), "..", "shared", "hsds-3.0");

function filesUnder(dir: string, base = dir): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full, base) : [path.relative(base, full)];
  });
}

describe("vendored HSDS 3.0 spec", () => {
  const vendored = hsdsSpecDirectory();

  it.skipIf(!fs.existsSync(shared))("is byte-identical to ../shared/hsds-3.0", () => {
    const files = filesUnder(vendored).filter((file) => file !== "README.md");
    expect(files.length).toBeGreaterThan(30);
    for (const file of files) {
      const ours = fs.readFileSync(path.join(vendored, file));
      const theirs = fs.readFileSync(path.join(shared, file));
      expect(ours.equals(theirs), file).toBe(true);
    }
  });

  it("holds what the app and the tests use", () => {
    for (const file of ["LICENSE", "README.md", "openapi.json", "service.json", "organization.json", "service_at_location.json", "service_list.json", "organization_list.json", "service_at_location_list.json", "tabular.json", "examples/service_full.json", "examples/organization_full.json", "examples/csv/services.csv"]) {
      expect(fs.existsSync(path.join(vendored, file)), file).toBe(true);
    }
    expect(fs.readFileSync(path.join(vendored, "README.md"), "utf8")).toContain("CC BY-SA 4.0");
  });

  it("validates the official examples with the compiled schemas, and refuses a broken one", () => {
    const cases = [
      ["service", "service_full"],
      ["organization", "organization_full"],
      ["service_at_location", "service_at_location_full"],
      ["taxonomy", "taxonomy"],
      ["taxonomy_term", "taxonomy_term"],
    ] as const;
    for (const [schema, example] of cases) {
      const validate = hsdsValidator(schema);
      expect(validate(readHsdsSpecFile(`examples/${example}.json`)), `${example}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
    const validate = hsdsValidator("service");
    expect(validate({ id: "x", name: 1 })).toBe(false);
    expect(validate.errors?.map((error) => error.keyword).sort()).toEqual(["format", "required", "type"]);
  });

  it("resolves every schema openapi.json refers to", () => {
    const refs = new Set(JSON.stringify(readHsdsSpecFile("openapi.json")).match(/https:\/\/raw\.githubusercontent\.com[^"]+\.json/g));
    expect(refs.size).toBeGreaterThan(5);
    for (const ref of refs) {
      const name = path.basename(ref, ".json") as Parameters<typeof hsdsValidator>[0];
      expect(() => hsdsValidator(name), ref).not.toThrow();
    }
  });
});
