import { canCreateInvitation, canViewAuditLog, canViewDecisionQueue, canViewPeople, type Actor } from "~/policies";

export type NavItem = { to: string; label: string };

/** The work areas named by the programme, each filled by a later issue. */
export const AREAS = [
  { to: "/laboratori", label: "nav.labs", key: "labs" },
  { to: "/sessioni", label: "nav.sessions", key: "sessions" },
  { to: "/buone-prassi", label: "nav.practices", key: "practices" },
  { to: "/catalogo", label: "nav.catalogue", key: "catalogue" },
  { to: "/convenzioni", label: "nav.agreements", key: "agreements" },
  { to: "/gruppi-acquisto", label: "nav.purchasing", key: "purchasing" },
  { to: "/mutuo-aiuto", label: "nav.mutualAid", key: "mutualAid" },
  { to: "/cooperativa", label: "nav.cooperative", key: "cooperative" },
] as const;
export type AreaKey = (typeof AREAS)[number]["key"];

/** The navigation this actor sees, decided by the policies (labels are i18n keys). */
export function navigationFor(actor: Actor): { areas: NavItem[]; network: NavItem[]; admin: NavItem[] } {
  const network: NavItem[] = [{ to: "/organizzazioni", label: "nav.organizations" }];
  if (canViewPeople(actor)) network.push({ to: "/persone", label: "nav.people" });
  const admin: NavItem[] = [];
  if (canViewDecisionQueue(actor)) admin.push({ to: "/decisioni", label: "nav.decisions" });
  if (canCreateInvitation(actor)) admin.push({ to: "/admin/inviti", label: "nav.invitations" });
  if (canViewAuditLog(actor)) admin.push({ to: "/admin/registro", label: "nav.audit" });
  return { areas: AREAS.map(({ to, label }) => ({ to, label })), network, admin };
}
