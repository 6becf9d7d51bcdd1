import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { createCommentThread, getCommentThread, replyToThread, setThreadResolved } from "~/models/comment.server";
import { canComment, canResolveThread } from "~/policies";
import { newThreadSchema, replySchema, resolveThreadSchema } from "~/schemas/lab";
import { requireProposalContext } from "~/services/proposal-context.server";
import { notFound, requireAllowed } from "~/utils/http.server";

// Comments of a proposal: threads anchored to a passage, replies, resolve and reopen. Used by the
// proposal page through fetchers; it answers with data, or redirects a plain form post back.

export async function loader({ params }: LoaderFunctionArgs) {
  return redirect(`/laboratori/${params.slug}/proposte/${params.proposalId}#comments`);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, actor, proposal, membership } = await requireProposalContext(request, params);
  requireAllowed(canComment(actor, membership, proposal.lab));
  const formData = await request.formData();
  const intent = formData.get("intent");
  const author = { id: user.id, name: user.name };

  if (intent === "new-thread") {
    const submission = parseWithZod(formData, { schema: newThreadSchema });
    if (submission.status !== "success") return data({ ok: false as const, result: submission.reply() }, { status: 400 });
    const { thread } = await createCommentThread(author, proposal, submission.value);
    return { ok: true as const, threadId: thread.id };
  }

  if (intent === "reply") {
    const submission = parseWithZod(formData, { schema: replySchema });
    if (submission.status !== "success") return data({ ok: false as const, result: submission.reply() }, { status: 400 });
    if (!(await getCommentThread(proposal.id, submission.value.threadId))) notFound();
    await replyToThread(author, proposal, submission.value.threadId, submission.value.body);
    return { ok: true as const, threadId: submission.value.threadId };
  }

  const parsed = resolveThreadSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) throw data({ message: "Invalid request" }, { status: 400 });
  const thread = await getCommentThread(proposal.id, parsed.data.threadId);
  if (!thread) notFound();
  requireAllowed(canResolveThread(actor, membership, proposal.lab, thread));
  await setThreadResolved(user.id, thread.id, parsed.data.intent === "resolve");
  return { ok: true as const, threadId: thread.id };
}
