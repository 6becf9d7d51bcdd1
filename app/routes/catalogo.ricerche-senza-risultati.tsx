import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { TableRegion } from "~/components/ui/table-region";
import { listUnmetSearches } from "~/models/catalogue-search.server";
import { canViewUnmetSearches } from "~/policies";
import { requireUser, toActor } from "~/services/auth.server";
import { formatDateTime } from "~/utils/dates";
import { requireAllowed } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "Ricerche senza risultati · TWB Community Labs" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requireAllowed(canViewUnmetSearches(toActor(user)));
  return { searches: await listUnmetSearches() };
}

export default function UnmetSearchesPage() {
  const { t, i18n } = useTranslation();
  const { searches } = useLoaderData<typeof loader>();
  return (
    <section className="page" aria-labelledby="unmet-title">
      <p className="breadcrumb">
        <Link to="/catalogo">{t("catalogue.title")}</Link>
      </p>
      <h1 id="unmet-title">{t("catalogue.unmet.title")}</h1>
      <p className="lead">{t("catalogue.unmet.intro")}</p>
      {searches.length === 0 ? (
        <p>{t("catalogue.unmet.none")}</p>
      ) : (
        <TableRegion label={t("catalogue.unmet.title")}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("catalogue.unmet.query")}</th>
                <th scope="col">{t("catalogue.unmet.filters")}</th>
                <th scope="col">{t("catalogue.unmet.count")}</th>
                <th scope="col">{t("catalogue.unmet.last")}</th>
              </tr>
            </thead>
            <tbody>
              {searches.map((search) => (
                <tr key={`${search.query}|${JSON.stringify(search.filters)}`}>
                  <td>{search.query || <span className="muted">{t("catalogue.unmet.noWords")}</span>}</td>
                  <td>
                    {Object.entries(search.filters)
                      .map(([key, value]) => `${key}: ${String(value)}`)
                      .join(", ")}
                  </td>
                  <td>{search.count}</td>
                  <td>{formatDateTime(search.last, i18n.language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
