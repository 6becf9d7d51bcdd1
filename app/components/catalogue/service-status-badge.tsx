import { useTranslation } from "react-i18next";

const TONE: Record<string, string> = { PUBLISHED: "tag tag-success", TEMPORARILY_CLOSED: "tag tag-warning", DRAFT: "tag", UNPUBLISHED: "tag" };

/** A service's publication status as a small label. */
export function ServiceStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <span className={TONE[status] ?? "tag"} data-testid="service-status">
      {t(`catalogueAdmin.statuses.${status}`, { defaultValue: status })}
    </span>
  );
}
