import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";

const MESSAGES: Record<number, { title: string; body: string }> = {
  400: { title: "errors.badRequestTitle", body: "errors.server" },
  403: { title: "errors.forbiddenTitle", body: "errors.forbidden" },
  404: { title: "errors.notFoundTitle", body: "errors.notFound" },
};

/** The error page for 403, 404 and unexpected errors, in the app's own style and language. */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const message = MESSAGES[status] ?? { title: "errors.serverTitle", body: "errors.server" };
  if (status >= 500 && typeof document !== "undefined") console.error(error);
  return (
    <section className="page error-page" aria-labelledby="error-title">
      <p className="error-code">{status}</p>
      <h1 id="error-title">{t(message.title)}</h1>
      <p>{t(message.body)}</p>
      <p>
        <Link to="/" className="button">
          {t("errors.goHome")}
        </Link>
      </p>
    </section>
  );
}
