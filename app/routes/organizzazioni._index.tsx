import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { listComuniWithOrganizations } from "~/models/comune.server";
import { listOrganizations } from "~/models/organization.server";
import { canManageOrganizations } from "~/policies";
import { ORGANIZATION_KIND_VALUES, organizationFilterSchema } from "~/schemas/network";
import { getOptionalUser, toActor } from "~/services/auth.server";

export const meta: MetaFunction = () => [{ title: "Organizzazioni · TWB Community Labs" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const filter = organizationFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const user = await getOptionalUser(request);
  const [organizations, comuni] = await Promise.all([listOrganizations(filter), listComuniWithOrganizations()]);
  return { organizations, comuni, filter, canManage: canManageOrganizations(toActor(user)) };
}

export default function OrganizationsPage() {
  const { t } = useTranslation();
  const { organizations, comuni, filter, canManage } = useLoaderData<typeof loader>();
  return (
    <section className="page" aria-labelledby="orgs-title">
      <div className="page-heading">
        <h1 id="orgs-title">{t("organizations.title")}</h1>
        {canManage ? (
          <Link to="/organizzazioni/nuova" className="button">
            {t("organizations.new")}
          </Link>
        ) : null}
      </div>
      <p className="lead">{t("organizations.intro")}</p>

      <Form method="get" className="filters" role="search" aria-label={t("organizations.filter")}>
        <div className="field">
          <label htmlFor="filter-q">{t("organizations.search")}</label>
          <input id="filter-q" name="q" type="search" defaultValue={filter.q ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="filter-kind">{t("organizations.filterKind")}</label>
          <select id="filter-kind" name="kind" defaultValue={filter.kind ?? ""}>
            <option value="">{t("organizations.allKinds")}</option>
            {ORGANIZATION_KIND_VALUES.map((kind) => (
              <option key={kind} value={kind}>
                {t(`kinds.${kind}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-comune">{t("organizations.filterComune")}</label>
          <select id="filter-comune" name="comune" defaultValue={filter.comune ?? ""}>
            <option value="">{t("organizations.allComuni")}</option>
            {comuni.map((comune) => (
              <option key={comune.id} value={comune.slug}>
                {comune.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          {t("organizations.filter")}
        </button>
      </Form>

      <p role="status" className="muted">
        {t("organizations.results", { count: organizations.length })}
      </p>
      {organizations.length === 0 ? (
        <p>{t("organizations.none")}</p>
      ) : (
        <ul className="card-grid">
          {organizations.map((organization) => (
            <li key={organization.id} className="card">
              <h2 className="card-title">
                <Link to={`/organizzazioni/${organization.slug}`}>{organization.name}</Link>
              </h2>
              <p className="tags">
                <span className="tag">{t(`kinds.${organization.kind}`)}</span>
                {organization.isLead ? <span className="tag tag-accent">{t("organizations.lead")}</span> : null}
              </p>
              {organization.comune ? <p className="muted">{organization.comune.name}</p> : null}
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
