import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { createProposalFromCards, NoCardsError } from "~/models/session-proposal.server";
import { canStartProposalFromSession } from "~/policies";
import { readProposalFromCardsForm } from "~/schemas/session-proposal";
import { getLocale } from "~/services/locale.server";
import { requireSessionContext } from "~/services/session-context.server";
import { flashToast } from "~/services/session.server";
import { requireAllowed } from "~/utils/http.server";

// POST /laboratori/:slug/sessioni/:sessionId/proposta with `clusterId` or `cardId` (one or more):
// a new draft proposal of the lab seeded with those ideas (issue #4). Answers with a redirect to
// the proposal, or with JSON { proposalUrl, proposalId, title } when the request accepts JSON (the room's button).

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, actor, lab, session, membership } = await requireSessionContext(request, params);
  requireAllowed(canStartProposalFromSession(actor, membership, lab, session));
  const wantsJson = (request.headers.get("Accept") ?? "").includes("application/json");
  const parsed = readProposalFromCardsForm(await request.formData());
  if (!parsed.success) return Response.json({ error: "forms.invalidChoice" }, { status: 400 });
  const sessionPath = `/laboratori/${lab.slug}/sessioni/${session.id}`;
  try {
    const proposal = await createProposalFromCards(user.id, session.id, parsed.data, await getLocale(request, user));
    const proposalUrl = `/laboratori/${lab.slug}/proposte/${proposal.id}`;
    if (wantsJson) return Response.json({ proposalUrl, proposalId: proposal.id, title: proposal.title }, { status: 201 });
    return redirect(proposalUrl, { headers: await flashToast(request, "minutes.proposalStarted") });
  } catch (error) {
    if (!(error instanceof NoCardsError)) throw error;
    if (wantsJson) return Response.json({ error: "minutes.noCards" }, { status: 404 });
    return redirect(sessionPath, { headers: await flashToast(request, "minutes.noCards") });
  }
}
