import { z } from "zod";
import { getLabMembership } from "~/models/lab.server";
import { getProposal } from "~/models/proposal.server";
import { proposalAccess } from "~/policies";
import { forbidden, notFound } from "~/utils/http.server";
import { requireUser, toActor } from "./auth.server";

const idParam = z.string().uuid();

/**
 * The proposal a /laboratori/:slug/proposte/:proposalId… request is about, with the signed-in
 * person, their lab membership and their access: 404 for an unknown proposal (or one from another
 * lab), 403 for someone the policy refuses.
 */
export async function requireProposalContext(request: Request, params: { slug?: string; proposalId?: string }) {
  const user = await requireUser(request);
  const id = idParam.safeParse(params.proposalId);
  const proposal = id.success ? await getProposal(id.data) : null;
  if (!proposal || proposal.lab.slug !== params.slug) notFound();
  const actor = toActor(user);
  const membership = await getLabMembership(proposal.lab.id, user.id);
  const access = proposalAccess(actor, membership, proposal.lab, proposal);
  if (access === "none") forbidden();
  return { user, actor, proposal, membership, access };
}
