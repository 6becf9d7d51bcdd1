import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { changePassword, changeRole, getSessionUserById, LastAdminError, verifyLogin } from "~/models/user.server";
import { createTestUser, TEST_PASSWORD } from "../../support/factories";

describe("changeRole", () => {
  it("changes the role and records who did it, from what, to what", async () => {
    const admin = await createTestUser({ role: "ADMIN" });
    const person = await createTestUser();
    await changeRole(admin.id, person.id, "FACILITATOR");

    expect((await prisma.user.findUniqueOrThrow({ where: { id: person.id } })).role).toBe("FACILITATOR");
    const entries = await prisma.auditLog.findMany({ where: { targetId: person.id, action: "user.role_changed" } });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actorId: admin.id, targetType: "user", details: { from: "MEMBER", to: "FACILITATOR" } });
  });

  it("records nothing when the role does not change", async () => {
    const admin = await createTestUser({ role: "ADMIN" });
    const person = await createTestUser({ role: "COORDINATOR" });
    await changeRole(admin.id, person.id, "COORDINATOR");
    expect(await prisma.auditLog.count({ where: { targetId: person.id } })).toBe(0);
  });

  it("never removes the last administrator", async () => {
    // Make a fresh admin the only one for the duration of the check, then restore the others.
    const admins = await prisma.user.findMany({ where: { role: "ADMIN" } });
    const sole = await createTestUser({ role: "ADMIN" });
    await prisma.user.updateMany({ where: { id: { in: admins.map((admin) => admin.id) } }, data: { role: "MEMBER" } });
    try {
      await expect(changeRole(sole.id, sole.id, "MEMBER")).rejects.toBeInstanceOf(LastAdminError);
      expect((await prisma.user.findUniqueOrThrow({ where: { id: sole.id } })).role).toBe("ADMIN");
    } finally {
      await prisma.user.updateMany({ where: { id: { in: admins.map((admin) => admin.id) } }, data: { role: "ADMIN" } });
    }
  });
});

describe("login and password change", () => {
  it("verifies the password, case-insensitively on the email", async () => {
    const person = await createTestUser();
    expect((await verifyLogin(person.email.toUpperCase(), TEST_PASSWORD))?.id).toBe(person.id);
    expect(await verifyLogin(person.email, "wrong-password")).toBeNull();
    expect(await verifyLogin("nobody@test.example", TEST_PASSWORD)).toBeNull();
  });

  it("a deactivated account cannot log in or keep a session", async () => {
    const person = await createTestUser();
    await prisma.user.update({ where: { id: person.id }, data: { deactivatedAt: new Date() } });
    expect(await verifyLogin(person.email, TEST_PASSWORD)).toBeNull();
    expect(await getSessionUserById(person.id)).toBeNull();
  });

  it("changes the password only with the right current one, and bumps the session version", async () => {
    const person = await createTestUser();
    expect(await changePassword(person.id, "wrong-password", "new-password-456")).toBeNull();
    const version = await changePassword(person.id, TEST_PASSWORD, "new-password-456");
    expect(version).toBe(person.sessionVersion + 1);
    expect(await verifyLogin(person.email, TEST_PASSWORD)).toBeNull();
    expect((await verifyLogin(person.email, "new-password-456"))?.sessionVersion).toBe(version);
    expect(await prisma.auditLog.count({ where: { targetId: person.id, action: "user.password_changed" } })).toBe(1);
  });
});
