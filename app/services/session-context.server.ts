import { z } from "zod";
import { getLabSession } from "~/models/lab-session.server";
import { getLabBySlug, getLabMembership } from "~/models/lab.server";
import { canViewSession } from "~/policies";
import { forbidden, notFound } from "~/utils/http.server";
import { requireUser, toActor } from "./auth.server";

const idParam = z.string().uuid();

/**
 * The session a /laboratori/:slug/sessioni/:sessionId… request is about, with the signed-in person,
 * the lab and their membership in it: 404 for an unknown session (or one of another lab), 403 for
 * someone outside the lab.
 */
export async function requireSessionContext(request: Request, params: { slug?: string; sessionId?: string }) {
  const user = await requireUser(request);
  const lab = await getLabBySlug(params.slug ?? "");
  const id = idParam.safeParse(params.sessionId);
  const session = lab && id.success ? await getLabSession(lab.id, id.data) : null;
  if (!lab || !session) notFound();
  const actor = toActor(user);
  const membership = await getLabMembership(lab.id, user.id);
  if (!canViewSession(actor, membership)) forbidden();
  return { user, actor, lab, session, membership };
}
