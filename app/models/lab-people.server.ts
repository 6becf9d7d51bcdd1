import { prisma } from "~/db.server";

/** Active people not yet in a lab, for the "invite a person" picker. */
export function listPeopleOutsideLab(labId: string) {
  return prisma.user.findMany({
    where: { deactivatedAt: null, labMemberships: { none: { labId } } },
    orderBy: { name: "asc" },
    select: { id: true, name: true, email: true },
  });
}
