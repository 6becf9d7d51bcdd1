import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { SessionForm } from "~/components/sessions/session-form";
import { AgendaProposalError, scheduleLabSession, SessionInPastError } from "~/models/lab-session.server";
import { getLabBySlug, getLabMembership } from "~/models/lab.server";
import { listOrganizationOptions } from "~/models/organization.server";
import { listLabProposals } from "~/models/proposal.server";
import { canScheduleSession } from "~/policies";
import { sessionSchema } from "~/schemas/session";
import { requireUser, toActor } from "~/services/auth.server";
import { flashToast } from "~/services/session.server";
import { notFound, requireAllowed } from "~/utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ data: loaderData }) => [{ title: `${loaderData?.lab.title ?? ""} · Nuova sessione · TWB Community Labs` }];

async function requireScheduler(request: Request, slug: string | undefined) {
  const user = await requireUser(request);
  const lab = await getLabBySlug(slug ?? "");
  if (!lab) notFound();
  requireAllowed(canScheduleSession(toActor(user), await getLabMembership(lab.id, user.id), lab));
  return { user, lab };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { lab } = await requireScheduler(request, params.slug);
  const [organizations, proposals] = await Promise.all([listOrganizationOptions(), listLabProposals(lab.id)]);
  // The lab's own organizations first: sessions are usually hosted by one of them.
  const own = new Set(lab.organizations.map((entry) => entry.organizationId));
  organizations.sort((a, b) => Number(own.has(b.id)) - Number(own.has(a.id)));
  return { lab: { slug: lab.slug, title: lab.title }, organizations, proposals: proposals.map(({ id, title }) => ({ id, title })) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, lab } = await requireScheduler(request, params.slug);
  const submission = parseWithZod(await request.formData(), { schema: sessionSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  try {
    const session = await scheduleLabSession(user.id, lab, submission.value);
    return redirect(`/laboratori/${lab.slug}/sessioni/${session.id}`, { headers: await flashToast(request, "sessions.scheduled") });
  } catch (error) {
    if (error instanceof SessionInPastError) return data({ result: submission.reply({ fieldErrors: { date: ["sessions.inPast"] } }) }, { status: 400 });
    if (error instanceof AgendaProposalError) return data({ result: submission.reply({ formErrors: ["sessions.foreignProposal"] }) }, { status: 400 });
    throw error;
  }
}

export default function NewSessionPage() {
  const { t } = useTranslation();
  const { lab, organizations, proposals } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <section className="page narrow" aria-labelledby="new-session-title">
      <p>
        <Link to={`/laboratori/${lab.slug}`}>← {t("sessions.backToLab")}</Link>
      </p>
      <h1 id="new-session-title">{t("sessions.scheduleTitle", { lab: lab.title })}</h1>
      <SessionForm
        lastResult={actionData?.result}
        defaultValue={{ durationMinutes: "120", time: "17:30", agenda: [{ title: "", minutes: "30" }] }}
        organizations={organizations}
        proposals={proposals}
        submitLabel={t("sessions.create")}
        cancelTo={`/laboratori/${lab.slug}`}
      />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
