import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "~/utils/dates";

type SessionSummary = { id: string; title: string; startsAt: string | Date; durationMinutes: number; status: string };

/** A lab's sessions on its page: the next ones, the past ones, and "schedule" for those who may. */
export function LabSessions({ labSlug, upcoming, past, canSchedule }: { labSlug: string; upcoming: SessionSummary[]; past: SessionSummary[]; canSchedule: boolean }) {
  const { t, i18n } = useTranslation();
  const item = (session: SessionSummary) => (
    <li key={session.id}>
      <Link to={`/laboratori/${labSlug}/sessioni/${session.id}`}>{session.title}</Link>{" "}
      <span className="muted">
        · <time dateTime={new Date(session.startsAt).toISOString()}>{formatDateTime(session.startsAt, i18n.language)}</time> · {t(`sessions.status.${session.status}`)}
      </span>
      {session.status === "CLOSED" ? (
        <>
          {" "}
          · <Link to={`/laboratori/${labSlug}/sessioni/${session.id}/verbale`}>{t("minutes.link")}</Link>
        </>
      ) : null}
    </li>
  );
  return (
    <section aria-labelledby="lab-sessions-title">
      <h2 id="lab-sessions-title">{t("sessions.labSessions")}</h2>
      {canSchedule ? (
        <p>
          <Link to={`/laboratori/${labSlug}/sessioni/nuova`} className="button">
            {t("sessions.schedule")}
          </Link>
        </p>
      ) : null}
      <h3>{t("sessions.upcoming")}</h3>
      {upcoming.length ? (
        <ul className="session-list" data-testid="lab-sessions-upcoming">
          {upcoming.map(item)}
        </ul>
      ) : (
        <p className="muted">{t("sessions.none")}</p>
      )}
      {past.length ? (
        <>
          <h3>{t("sessions.past")}</h3>
          <ul className="session-list">{past.map(item)}</ul>
        </>
      ) : null}
    </section>
  );
}
