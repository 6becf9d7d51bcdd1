import { useTranslation } from "react-i18next";
import { formatDate } from "~/utils/dates";

/** A practice's status: "Validata" with its review date, the overdue flag, or where it waits. */
export function PracticeBadges({ practice }: { practice: { status: "SUBMITTED" | "VALIDATED" | "RETURNED"; reviewDueAt: string | null; overdue: boolean; mine?: boolean } }) {
  const { t, i18n } = useTranslation();
  return (
    <p className="tags">
      {practice.status === "VALIDATED" ? (
        <span className="tag tag-success" data-testid="practice-status">
          {practice.reviewDueAt ? t("goodPractices.validatedUntil", { date: formatDate(practice.reviewDueAt, i18n.language) }) : t("goodPractices.status.VALIDATED")}
        </span>
      ) : (
        <span className="tag" data-testid="practice-status">
          {t(`goodPractices.status.${practice.status}`)}
        </span>
      )}
      {practice.overdue ? (
        <span className="tag tag-warning" data-testid="practice-overdue">
          {t("goodPractices.overdue")}
        </span>
      ) : null}
      {practice.mine ? <span className="tag">{t("goodPractices.mine")}</span> : null}
    </p>
  );
}
