import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FieldErrors } from "~/components/ui/field";

/**
 * Deleting a never-published draft: a box to tick and a button, so it also works without
 * JavaScript and cannot happen by one stray click.
 */
export function DeleteDraftPanel({ error }: { error?: string }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="delete-panel-title" className="boxed stack" data-testid="service-delete-panel">
      <h2 id="delete-panel-title">{t("catalogueAdmin.deletePanel.title")}</h2>
      <p className="field-help">{t("catalogueAdmin.deletePanel.help")}</p>
      <Form method="post" className="stack">
        <div className="field">
          <label className="checkbox">
            <input
              type="checkbox"
              name="confirm"
              value="yes"
              required
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? "delete-confirm-error" : undefined}
            />{" "}
            {t("catalogueAdmin.deletePanel.confirm")}
          </label>
          <FieldErrors id="delete-confirm-error" errors={error ? [error] : undefined} />
        </div>
        <div>
          <button type="submit" name="intent" value="delete" className="button button-danger">
            {t("catalogueAdmin.deletePanel.submit")}
          </button>
        </div>
      </Form>
    </section>
  );
}
