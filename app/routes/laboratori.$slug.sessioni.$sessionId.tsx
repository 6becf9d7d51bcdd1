import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { respondToSession } from "~/models/lab-session.server";
import { canChangeSession, canEnterSessionRoom, canRespondToSession } from "~/policies";
import { SESSION_RESPONSE_VALUES, sessionResponseSchema } from "~/schemas/session";
import { requireSessionContext } from "~/services/session-context.server";
import { flashToast } from "~/services/session.server";
import { formatDateTime } from "~/utils/dates";
import { requireAllowed } from "~/utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ data: loaderData }) => [{ title: `${loaderData?.session.title ?? "Sessione"} · TWB Community Labs` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, actor, lab, session, membership } = await requireSessionContext(request, params);
  const mine = session.invitations.find((invitation) => invitation.userId === user.id);
  const counts = { YES: 0, NO: 0, MAYBE: 0, PENDING: 0 };
  for (const invitation of session.invitations) counts[invitation.response] += 1;
  return {
    lab: { slug: lab.slug, title: lab.title },
    session: {
      id: session.id,
      title: session.title,
      goal: session.goal,
      status: session.status,
      startsAt: session.startsAt.toISOString(),
      endsAt: new Date(session.startsAt.getTime() + session.durationMinutes * 60_000).toISOString(),
      durationMinutes: session.durationMinutes,
      place: session.placeOrganization
        ? {
            slug: session.placeOrganization.slug,
            name: session.placeOrganization.name,
            directions: [session.placeDetails, session.placeOrganization.address, session.placeOrganization.comune?.name].filter(Boolean).join(", "),
          }
        : null,
      videoUrl: session.videoUrl,
      createdBy: session.createdBy?.name ?? null,
      agenda: session.agendaItems.map((item) => ({ id: item.id, title: item.title, minutes: item.timeboxMinutes, proposal: item.proposal })),
      invitations: session.invitations.map((invitation) => ({
        userId: invitation.userId,
        name: invitation.user.name,
        organizations: invitation.user.memberships.map((entry) => entry.organization.name),
        response: invitation.response,
      })),
    },
    counts,
    myResponse: mine?.response ?? null,
    abilities: {
      respond: canRespondToSession(actor, Boolean(mine), session),
      change: canChangeSession(actor, membership, lab, session),
      enterRoom: session.status !== "CANCELLED" && canEnterSessionRoom(actor, membership, Boolean(mine)),
      // The minutes exist from the end of the room (issue #4, "After the session").
      minutes: session.status === "CLOSED" || (session.status === "LIVE" && (session.roomState as { status?: string } | null)?.status === "ended"),
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, actor, lab, session } = await requireSessionContext(request, params);
  const invited = session.invitations.some((invitation) => invitation.userId === user.id);
  requireAllowed(canRespondToSession(actor, invited, session));
  const parsed = sessionResponseSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) throw data({ message: "Invalid answer" }, { status: 400 });
  await respondToSession(session.id, user.id, parsed.data.response);
  return redirect(`/laboratori/${lab.slug}/sessioni/${session.id}`, { headers: await flashToast(request, "sessions.answerSaved") });
}

export default function SessionPage() {
  const { t, i18n } = useTranslation();
  const { lab, session, counts, myResponse, abilities } = useLoaderData<typeof loader>();
  return (
    <article className="page" aria-labelledby="session-title">
      <p>
        <Link to={`/laboratori/${lab.slug}`}>← {lab.title}</Link>
      </p>
      <h1 id="session-title">{session.title}</h1>
      <p>
        <span className="tag">{t(`sessions.status.${session.status}`)}</span>{" "}
        {session.createdBy ? <span className="muted">{t("sessions.facilitatedBy", { name: session.createdBy })}</span> : null}
      </p>
      <p className="lead">{session.goal}</p>

      <dl className="details">
        <dt>{t("sessions.when")}</dt>
        <dd>
          <time dateTime={session.startsAt}>{formatDateTime(session.startsAt, i18n.language)}</time> ·{" "}
          {t("sessions.minutesShort", { count: session.durationMinutes })}
        </dd>
        {session.place ? (
          <>
            <dt>{t("sessions.place")}</dt>
            <dd>
              <Link to={`/organizzazioni/${session.place.slug}`}>{session.place.name}</Link>
              {session.place.directions ? <span className="muted"> — {session.place.directions}</span> : null}
            </dd>
          </>
        ) : null}
        {session.videoUrl ? (
          <>
            <dt>{t("sessions.online")}</dt>
            <dd>
              <a href={session.videoUrl} rel="noopener noreferrer" target="_blank">
                {t("sessions.joinOnline")}
              </a>
            </dd>
          </>
        ) : null}
      </dl>
      <p className="actions">
        {abilities.enterRoom && session.status !== "CLOSED" ? (
          <Link className="button" to={`/laboratori/${lab.slug}/sessioni/${session.id}/stanza`}>
            {t("room.enter")}
          </Link>
        ) : null}
        {abilities.minutes ? (
          <Link className="button" to={`/laboratori/${lab.slug}/sessioni/${session.id}/verbale`}>
            {t("minutes.open")}
          </Link>
        ) : null}
        {abilities.change ? (
          <Link className="button button-secondary" to={`/laboratori/${lab.slug}/sessioni/${session.id}/modifica`}>
            {t("sessions.edit")}
          </Link>
        ) : null}
        <a className="button button-secondary" href={`/laboratori/${lab.slug}/sessioni/${session.id}/calendario.ics`} download>
          {t("sessions.addToCalendar")}
        </a>
      </p>

      {abilities.respond ? (
        <Form method="post" className="boxed stack" aria-labelledby="answer-title">
          <h2 id="answer-title">{t("sessions.answer")}</h2>
          <input type="hidden" name="intent" value="respond" />
          <p>
            {t("sessions.yourAnswer")}: <strong data-testid="my-response">{t(`sessions.responses.${myResponse ?? "PENDING"}`)}</strong>
          </p>
          <div className="actions">
            {SESSION_RESPONSE_VALUES.map((response) => (
              <button
                key={response}
                type="submit"
                name="response"
                value={response}
                className={response === myResponse ? "button" : "button button-secondary"}
                aria-pressed={response === myResponse}
              >
                {t(`sessions.responses.${response}`)}
              </button>
            ))}
          </div>
        </Form>
      ) : null}

      <section aria-labelledby="agenda-title">
        <h2 id="agenda-title">{t("sessions.agenda")}</h2>
        <ol className="agenda" data-testid="session-agenda">
          {session.agenda.map((item) => (
            <li key={item.id}>
              <strong>{item.title}</strong> <span className="muted">· {t("sessions.minutesShort", { count: item.minutes })}</span>
              {item.proposal ? (
                <>
                  {" "}
                  · <Link to={`/laboratori/${lab.slug}/proposte/${item.proposal.id}`}>{item.proposal.title}</Link>
                </>
              ) : null}
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="invited-title">
        <h2 id="invited-title">{t("sessions.invited")}</h2>
        <p className="muted">{t("sessions.responseCounts", { yes: counts.YES, maybe: counts.MAYBE, no: counts.NO, pending: counts.PENDING })}</p>
        <ul className="people-list" data-testid="session-invitations">
          {session.invitations.map((invitation) => (
            <li key={invitation.userId}>
              {invitation.name}
              {invitation.organizations.length ? <span className="muted"> · {invitation.organizations.join(", ")}</span> : null}{" "}
              <span className="tag">{t(`sessions.responses.${invitation.response}`)}</span>
            </li>
          ))}
        </ul>
      </section>
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
