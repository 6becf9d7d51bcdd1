import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { addMembership, AlreadyMemberError, removeMembership } from "~/models/membership.server";
import { createOrganization, DuplicateOrganizationError, listOrganizations, updateOrganization } from "~/models/organization.server";
import { createTestOrganization, createTestUser } from "../../support/factories";

describe("organizations", () => {
  it("creates with a readable address, refuses a duplicate name, and audits changed fields only", async () => {
    const admin = await createTestUser({ role: "ADMIN" });
    const name = `Cooperativa L'Àncora ${Date.now()}`;
    const organization = await createOrganization(admin.id, { name, kind: "COOPERATIVA_SOCIALE", isLead: false });
    expect(organization.slug).toMatch(/^cooperativa-l-ancora-\d+$/);
    await expect(createOrganization(admin.id, { name: name.toUpperCase(), kind: "FONDAZIONE", isLead: false })).rejects.toBeInstanceOf(
      DuplicateOrganizationError,
    );

    await updateOrganization(admin.id, organization.id, { name, kind: "COOPERATIVA_SOCIALE", isLead: false, phone: "031 123456" });
    const updates = await prisma.auditLog.findMany({ where: { targetId: organization.id, action: "organization.updated" } });
    expect(updates).toHaveLength(1);
    expect(updates[0].details).toEqual({ changed: ["phone"] });
  });

  it("never takes an address used by a page", async () => {
    const admin = await createTestUser({ role: "ADMIN" });
    const organization = await createOrganization(admin.id, { name: "Nuova", kind: "AZIENDA", isLead: false });
    expect(organization.slug).toBe("organizzazione-nuova");
  });

  it("filters by kind and by name", async () => {
    const school = await createTestOrganization({ kind: "ISTITUTO_SCOLASTICO", name: `Scuola Filtro ${Date.now()}` });
    const schools = await listOrganizations({ kind: "ISTITUTO_SCOLASTICO" });
    expect(schools.every((organization) => organization.kind === "ISTITUTO_SCOLASTICO")).toBe(true);
    expect(schools.map((organization) => organization.id)).toContain(school.id);
    expect((await listOrganizations({ q: "scuola filtro" })).map((organization) => organization.id)).toContain(school.id);
  });
});

describe("memberships", () => {
  it("adds once, refuses a duplicate, removes, and audits both", async () => {
    const admin = await createTestUser({ role: "ADMIN" });
    const person = await createTestUser();
    const organization = await createTestOrganization();
    const membership = await addMembership(admin.id, { userId: person.id, organizationId: organization.id, title: "Educatrice" });
    await expect(addMembership(admin.id, { userId: person.id, organizationId: organization.id })).rejects.toBeInstanceOf(AlreadyMemberError);
    expect(await removeMembership(admin.id, membership.id)).toBe(true);
    expect(await removeMembership(admin.id, membership.id)).toBe(false);
    const actions = (await prisma.auditLog.findMany({ where: { actorId: admin.id }, orderBy: { createdAt: "asc" } })).map((entry) => entry.action);
    expect(actions).toEqual(["membership.added", "membership.removed"]);
  });
});
