import { describe, expect, it } from "vitest";
import { documentAccess, registerDocumentKind, type Actor } from "~/policies";

const member: Actor = { id: "m", role: "MEMBER", organizationIds: [] };

describe("documentAccess", () => {
  it("refuses anonymous connections to any document", async () => {
    registerDocumentKind("test-open", () => "edit");
    expect(await documentAccess(null, "test-open:1")).toBe("none");
  });

  it("refuses names without a kind and kinds that do not exist", async () => {
    expect(await documentAccess(member, "no-separator")).toBe("none");
    expect(await documentAccess(member, ":1")).toBe("none");
    expect(await documentAccess(member, "unknown-kind:1")).toBe("none");
  });

  it("asks the rule registered for the document's kind, with the id after the first colon", async () => {
    const seen: string[] = [];
    registerDocumentKind("test-doc", (actor, id) => {
      seen.push(`${actor.id}/${id}`);
      return id.startsWith("ro") ? "read" : "edit";
    });
    expect(await documentAccess(member, "test-doc:rw:1")).toBe("edit");
    expect(await documentAccess(member, "test-doc:ro-2")).toBe("read");
    expect(seen).toEqual(["m/rw:1", "m/ro-2"]);
  });
});
