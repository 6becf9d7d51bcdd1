import { describe, expect, it } from "vitest";
import type { ServiceStatus } from "~/generated/prisma/enums";
import { canDeleteService, canManageCatalogue, type Actor } from "~/policies";

const person = (role: NonNullable<Actor>["role"]): Actor => ({ id: role.toLowerCase(), role, organizationIds: [] });

describe("catalogue policies", () => {
  it("lets coordinators and admins manage the catalogue, nobody else", () => {
    expect([null, person("MEMBER"), person("FACILITATOR"), person("COORDINATOR"), person("ADMIN")].map(canManageCatalogue)).toEqual([false, false, false, true, true]);
  });

  it("deletes only drafts that were never published, and only for those who manage the catalogue", () => {
    const service = (status: ServiceStatus, publishedAt: Date | null = null) => ({ status, publishedAt });
    const coordinator = person("COORDINATOR");
    expect(canDeleteService(coordinator, service("DRAFT"))).toBe(true);
    expect(canDeleteService(person("ADMIN"), service("DRAFT"))).toBe(true);
    // Once published, other systems may hold it (HSDS): withdraw it instead.
    expect(canDeleteService(coordinator, service("DRAFT", new Date("2026-01-10")))).toBe(false);
    for (const status of ["PUBLISHED", "TEMPORARILY_CLOSED", "UNPUBLISHED"] as const) expect(canDeleteService(coordinator, service(status))).toBe(false);
    for (const actor of [null, person("MEMBER"), person("FACILITATOR")]) expect(canDeleteService(actor, service("DRAFT"))).toBe(false);
  });
});
