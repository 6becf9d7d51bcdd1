import { prisma } from "~/db.server";

/** How many notifications a person has not read yet (for the header badge). */
export function countUnreadNotifications(userId: string) {
  return prisma.notification.count({ where: { userId, readAt: null } });
}

/** A person's latest notifications, unread first then newest. */
export function listNotifications(userId: string, take = 50) {
  return prisma.notification.findMany({ where: { userId }, orderBy: [{ createdAt: "desc" }], take });
}

/** Marks some (or all) of a person's notifications as read; never touches anyone else's. */
export async function markNotificationsRead(userId: string, ids?: string[]) {
  await prisma.notification.updateMany({
    where: { userId, readAt: null, ...(ids ? { id: { in: ids } } : {}) },
    data: { readAt: new Date() },
  });
}
