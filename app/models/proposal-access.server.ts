import { proposalAccess, type Actor, type DocumentAccess } from "~/policies";
import { getLabMembership } from "./lab.server";
import { getProposalAccessContext } from "./proposal.server";

/** Loads what the policy needs and asks it what this actor may do with a proposal. */
export async function loadProposalAccess(actor: NonNullable<Actor>, proposalId: string): Promise<DocumentAccess> {
  const proposal = await getProposalAccessContext(proposalId);
  if (!proposal) return "none";
  const membership = await getLabMembership(proposal.lab.id, actor.id);
  return proposalAccess(actor, membership, proposal.lab, proposal);
}

/** The lab a proposal belongs to, or null. */
export async function getProposalLabId(proposalId: string): Promise<string | null> {
  return (await getProposalAccessContext(proposalId))?.lab.id ?? null;
}
