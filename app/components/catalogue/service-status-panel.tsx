import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FieldErrors } from "~/components/ui/field";
import { ServiceStatusBadge } from "./service-status-badge";

export const STATUS_INTENTS = { publish: "PUBLISHED", unpublish: "UNPUBLISHED", close: "TEMPORARILY_CLOSED", draft: "DRAFT" } as const;
export type StatusIntent = keyof typeof STATUS_INTENTS;

/**
 * Publish, withdraw, mark temporarily closed (with the notice the public sees) or take back to
 * draft: one small POST form per action, each naming its intent; the current status's own action
 * is not offered.
 */
export function ServiceStatusPanel({ status, alert, noticeError }: { status: string; alert: string | null; noticeError?: string }) {
  const { t } = useTranslation();
  const offered = (intent: StatusIntent) => STATUS_INTENTS[intent] !== status;
  return (
    <section aria-labelledby="status-panel-title" className="boxed stack" data-testid="service-status-panel">
      <h2 id="status-panel-title">{t("catalogueAdmin.statusPanel.title")}</h2>
      <p>
        {t("catalogueAdmin.statusPanel.current")}: <ServiceStatusBadge status={status} />
      </p>
      {alert ? <p className="notice">{t("catalogueAdmin.statusPanel.currentNotice", { alert })}</p> : null}
      {offered("publish") ? (
        <StatusAction intent="publish" primary={true} />
      ) : null}
      {offered("close") || status === "TEMPORARILY_CLOSED" ? (
        <Form method="post" className="stack">
          <div className="field">
            <label htmlFor="status-notice">{t("catalogueAdmin.statusPanel.notice")}</label>
            <p id="status-notice-help" className="field-help">
              {t("catalogueAdmin.statusPanel.closeHelp")} {t("catalogueAdmin.statusPanel.noticeHelp")}
            </p>
            <textarea
              id="status-notice"
              name="alert"
              rows={2}
              required
              maxLength={500}
              defaultValue={alert ?? ""}
              aria-invalid={noticeError ? true : undefined}
              aria-describedby={noticeError ? "status-notice-help status-notice-error" : "status-notice-help"}
            />
            <FieldErrors id="status-notice-error" errors={noticeError ? [noticeError] : undefined} />
          </div>
          <div>
            <button type="submit" name="intent" value="close" className="button button-secondary">
              {t("catalogueAdmin.statusPanel.close")}
            </button>
          </div>
        </Form>
      ) : null}
      {offered("unpublish") && status !== "DRAFT" ? (
        <StatusAction intent="unpublish" primary={false} />
      ) : null}
      {offered("draft") ? (
        <StatusAction intent="draft" primary={false} />
      ) : null}
    </section>
  );
}

/** One status change that needs no input: its explanation and its button. */
function StatusAction({ intent, primary }: { intent: "publish" | "unpublish" | "draft"; primary: boolean }) {
  const { t } = useTranslation();
  return (
    <Form method="post" className="stack">
      <p className="field-help">{t(`catalogueAdmin.statusPanel.${intent}Help`)}</p>
      <div>
        <button type="submit" name="intent" value={intent} className={primary ? "button" : "button button-secondary"}>
          {t(`catalogueAdmin.statusPanel.${intent}`)}
        </button>
      </div>
    </Form>
  );
}
