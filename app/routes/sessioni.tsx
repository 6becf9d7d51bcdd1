import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { listUpcomingSessionsFor } from "~/models/lab-session.server";
import { requireUser } from "~/services/auth.server";
import { formatDateTime } from "~/utils/dates";

export const meta: MetaFunction = () => [{ title: "Sessioni · TWB Community Labs" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const invitations = await listUpcomingSessionsFor(user.id);
  return {
    sessions: invitations.map(({ response, session }) => ({
      id: session.id,
      title: session.title,
      startsAt: session.startsAt.toISOString(),
      durationMinutes: session.durationMinutes,
      status: session.status,
      lab: session.lab,
      response,
    })),
  };
}

export default function SessionsPage() {
  const { t, i18n } = useTranslation();
  const { sessions } = useLoaderData<typeof loader>();
  return (
    <section className="page" aria-labelledby="sessions-title">
      <h1 id="sessions-title">{t("sessions.title")}</h1>
      <p className="lead">{t("sessions.intro")}</p>
      {sessions.length === 0 ? (
        <p className="muted">{t("sessions.noneForYou")}</p>
      ) : (
        <ul className="card-grid" data-testid="my-sessions">
          {sessions.map((session) => (
            <li key={session.id} className="card">
              <h2 className="card-title">
                <Link to={`/laboratori/${session.lab.slug}/sessioni/${session.id}`}>{session.title}</Link>
              </h2>
              <p className="muted">{session.lab.title}</p>
              <p>
                <time dateTime={session.startsAt}>{formatDateTime(session.startsAt, i18n.language)}</time> ·{" "}
                {t("sessions.minutesShort", { count: session.durationMinutes })}
              </p>
              <p>
                <span className="tag">{t(`sessions.status.${session.status}`)}</span>{" "}
                <span className="tag tag-accent">{t(`sessions.responses.${session.response}`)}</span>
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
