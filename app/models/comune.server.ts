import { prisma } from "~/db.server";

/** The comuni of the area, alphabetical. */
export function listComuni() {
  return prisma.comune.findMany({ orderBy: { name: "asc" }, select: { id: true, slug: true, name: true } });
}

/** Comuni where at least one organization has its seat, for filters. */
export function listComuniWithOrganizations() {
  return prisma.comune.findMany({
    where: { organizations: { some: {} } },
    orderBy: { name: "asc" },
    select: { id: true, slug: true, name: true },
  });
}
