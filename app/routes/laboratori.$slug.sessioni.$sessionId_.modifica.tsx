import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { SessionForm } from "~/components/sessions/session-form";
import { AgendaProposalError, cancelLabSession, SessionInPastError, SessionNotEditableError, updateLabSession } from "~/models/lab-session.server";
import { listOrganizationOptions } from "~/models/organization.server";
import { listLabProposals } from "~/models/proposal.server";
import { canChangeSession } from "~/policies";
import { sessionSchema } from "~/schemas/session";
import { requireSessionContext } from "~/services/session-context.server";
import { flashToast } from "~/services/session.server";
import { instantToRomeWallClock } from "~/utils/dates";
import { requireAllowed } from "~/utils/http.server";

// Changing or cancelling a session before it starts (issue #4).

export const meta: MetaFunction<typeof loader> = ({ data: loaderData }) => [{ title: `${loaderData?.session.title ?? "Sessione"} · Modifica · TWB Community Labs` }];

async function requireChanger(request: Request, params: { slug?: string; sessionId?: string }) {
  const context = await requireSessionContext(request, params);
  requireAllowed(canChangeSession(context.actor, context.membership, context.lab, context.session));
  return context;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { lab, session } = await requireChanger(request, params);
  const [organizations, proposals] = await Promise.all([listOrganizationOptions(), listLabProposals(lab.id)]);
  const { date, time } = instantToRomeWallClock(session.startsAt);
  return {
    lab: { slug: lab.slug, title: lab.title },
    session: {
      id: session.id,
      title: session.title,
      values: {
        title: session.title,
        goal: session.goal,
        date,
        time,
        durationMinutes: String(session.durationMinutes),
        placeOrganizationId: session.placeOrganizationId ?? undefined,
        placeDetails: session.placeDetails ?? undefined,
        videoUrl: session.videoUrl ?? undefined,
        agenda: session.agendaItems.map((item) => ({ title: item.title, minutes: String(item.timeboxMinutes), proposalId: item.proposalId ?? undefined })),
      },
    },
    organizations,
    proposals: proposals.map(({ id, title }) => ({ id, title })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, lab, session } = await requireChanger(request, params);
  const formData = await request.formData();
  const page = `/laboratori/${lab.slug}/sessioni/${session.id}`;
  try {
    if (formData.get("intent") === "cancel") {
      await cancelLabSession(user.id, lab, session.id);
      return redirect(page, { headers: await flashToast(request, "sessions.cancelled") });
    }
    const submission = parseWithZod(formData, { schema: sessionSchema });
    if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
    try {
      await updateLabSession(user.id, lab, session.id, submission.value);
    } catch (error) {
      if (error instanceof SessionInPastError) return data({ result: submission.reply({ fieldErrors: { date: ["sessions.inPast"] } }) }, { status: 400 });
      if (error instanceof AgendaProposalError) return data({ result: submission.reply({ formErrors: ["sessions.foreignProposal"] }) }, { status: 400 });
      throw error;
    }
    return redirect(page, { headers: await flashToast(request, "sessions.saved") });
  } catch (error) {
    // Started (or cancelled) meanwhile, by someone else.
    if (error instanceof SessionNotEditableError) return redirect(page, { headers: await flashToast(request, "sessions.notEditable") });
    throw error;
  }
}

export default function EditSessionPage() {
  const { t } = useTranslation();
  const { lab, session, organizations, proposals } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const page = `/laboratori/${lab.slug}/sessioni/${session.id}`;
  return (
    <section className="page narrow" aria-labelledby="edit-session-title">
      <p>
        <Link to={page}>← {session.title}</Link>
      </p>
      <h1 id="edit-session-title">{t("sessions.editTitle", { title: session.title })}</h1>
      <SessionForm
        lastResult={actionData?.result}
        defaultValue={session.values}
        organizations={organizations}
        proposals={proposals}
        submitLabel={t("sessions.save")}
        cancelTo={page}
      />
      <Form
        method="post"
        className="boxed stack"
        aria-labelledby="cancel-session-title"
        onSubmit={(event) => {
          if (!window.confirm(t("sessions.cancelConfirm"))) event.preventDefault();
        }}
      >
        <h2 id="cancel-session-title">{t("sessions.cancelSession")}</h2>
        <p className="muted">{t("sessions.cancelHelp")}</p>
        <input type="hidden" name="intent" value="cancel" />
        <div>
          <button type="submit" className="button button-danger">
            {t("sessions.cancelSession")}
          </button>
        </div>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
