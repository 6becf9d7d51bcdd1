import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import {
  acceptInvitationAsNewUser,
  acceptInvitationAsUser,
  createInvitation,
  getUsableInvitation,
  InvitationEmailMismatchError,
  InvitationUnusableError,
  revokeInvitation,
} from "~/models/invitation.server";
import { createTestOrganization, createTestUser } from "../../support/factories";

const newcomer = () => ({
  email: `newcomer-${Math.random().toString(36).slice(2)}@test.example`,
  name: "Nuova Persona",
  password: "a-long-password",
  languages: ["it", "en"],
});

describe("invitations", () => {
  it("a link makes one account in the named organization, with the invited role, and is then spent", async () => {
    const coordinator = await createTestUser({ role: "COORDINATOR" });
    const organization = await createTestOrganization();
    const { token, invitation } = await createInvitation(coordinator.id, { organizationId: organization.id, role: "FACILITATOR", validDays: 7 });

    expect((await prisma.invitation.findUniqueOrThrow({ where: { id: invitation.id } })).tokenHash).not.toContain(token);
    expect(await getUsableInvitation(token)).not.toBeNull();

    const user = await acceptInvitationAsNewUser(token, newcomer());
    expect(user.role).toBe("FACILITATOR");
    expect(await prisma.membership.count({ where: { userId: user.id, organizationId: organization.id } })).toBe(1);
    expect(await getUsableInvitation(token)).toBeNull();
    await expect(acceptInvitationAsNewUser(token, newcomer())).rejects.toBeInstanceOf(InvitationUnusableError);

    const actions = (await prisma.auditLog.findMany({ where: { actorId: { in: [coordinator.id, user.id] } } })).map((entry) => entry.action);
    expect(actions.sort()).toEqual(["invitation.accepted", "invitation.created", "membership.added"]);
  });

  it("a failed acceptance leaves no account behind", async () => {
    const admin = await createTestUser({ role: "ADMIN" });
    const organization = await createTestOrganization();
    const { token } = await createInvitation(admin.id, { organizationId: organization.id, role: "MEMBER", email: "invited@test.example", validDays: 7 });
    const person = newcomer();
    await expect(acceptInvitationAsNewUser(token, person)).rejects.toBeInstanceOf(InvitationEmailMismatchError);
    expect(await prisma.user.count({ where: { email: person.email } })).toBe(0);
    expect(await getUsableInvitation(token)).not.toBeNull();
  });

  it("revoked and expired links are refused", async () => {
    const admin = await createTestUser({ role: "ADMIN" });
    const organization = await createTestOrganization();
    const revoked = await createInvitation(admin.id, { organizationId: organization.id, role: "MEMBER", validDays: 7 });
    await revokeInvitation(admin.id, revoked.invitation.id);
    expect(await getUsableInvitation(revoked.token)).toBeNull();
    await expect(acceptInvitationAsNewUser(revoked.token, newcomer())).rejects.toBeInstanceOf(InvitationUnusableError);

    const expired = await createInvitation(admin.id, { organizationId: organization.id, role: "MEMBER", validDays: 1 });
    await prisma.invitation.update({ where: { id: expired.invitation.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await getUsableInvitation(expired.token)).toBeNull();
  });

  it("an existing person joins the organization; the role only goes up", async () => {
    const admin = await createTestUser({ role: "ADMIN" });
    const first = await createTestOrganization();
    const second = await createTestOrganization();
    const person = await createTestUser({ role: "COORDINATOR" });

    const down = await createInvitation(admin.id, { organizationId: first.id, role: "MEMBER", validDays: 7 });
    await acceptInvitationAsUser(down.token, person);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: person.id } })).role).toBe("COORDINATOR");

    const up = await createInvitation(admin.id, { organizationId: second.id, role: "ADMIN", validDays: 7 });
    await acceptInvitationAsUser(up.token, { ...person, role: "COORDINATOR" });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: person.id } })).role).toBe("ADMIN");
    expect(await prisma.membership.count({ where: { userId: person.id } })).toBe(2);
  });

  it("one link accepted twice at the same time makes exactly one account", async () => {
    const admin = await createTestUser({ role: "ADMIN" });
    const organization = await createTestOrganization();
    const { token } = await createInvitation(admin.id, { organizationId: organization.id, role: "MEMBER", validDays: 7 });
    const results = await Promise.allSettled([acceptInvitationAsNewUser(token, newcomer()), acceptInvitationAsNewUser(token, newcomer())]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(await prisma.membership.count({ where: { organizationId: organization.id } })).toBe(1);
  });
});
