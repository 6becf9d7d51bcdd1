import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "~/utils/dates";

type Activity = { id: string; kind: string; createdAt: string | Date; details: unknown; actor: { name: string } | null };

/** The lab's feed: who edited, commented, moved a proposal, when. */
export function LabActivityFeed({ activity }: { activity: Activity[] }) {
  const { t, i18n } = useTranslation();
  return (
    <section aria-labelledby="activity-title">
      <h2 id="activity-title">{t("labs.activity")}</h2>
      {activity.length === 0 ? (
        <p className="muted">{t("labs.noActivity")}</p>
      ) : (
        <ol className="activity-feed" data-testid="lab-activity">
          {activity.map((entry) => {
            const details = (entry.details ?? {}) as Record<string, string>;
            const extra = details.to ? ` → ${t(`stages.${details.to}`)}` : details.status ? ` → ${t(`labs.status.${details.status}`)}` : "";
            return (
              <li key={entry.id}>
                <strong>{entry.actor?.name ?? t("audit.system")}</strong> {t(`labs.activityKinds.${entry.kind}`, { ...details, defaultValue: entry.kind })}
                {extra}
                {entry.kind === "proposal.catalogued" && details.serviceSlug ? (
                  <>
                    {" · "}
                    <Link to={`/catalogo/servizi/${details.serviceSlug}`}>{t("catalogueAdmin.serviceInCatalogue")}</Link>
                  </>
                ) : null}
                <br />
                <time className="muted small" dateTime={new Date(entry.createdAt).toISOString()}>
                  {formatDateTime(entry.createdAt, i18n.language)}
                </time>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
