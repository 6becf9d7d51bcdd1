import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FilterForm, FilterSearch, FilterSelect } from "~/components/filter-form";
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

      <FilterForm>
        <FilterSearch name="q" label={t("organizations.search")} defaultValue={filter.q} />
        <FilterSelect
          name="kind"
          label={t("organizations.filterKind")}
          allLabel={t("organizations.allKinds")}
          defaultValue={filter.kind}
          options={ORGANIZATION_KIND_VALUES.map((kind) => ({ value: kind, label: t(`kinds.${kind}`) }))}
        />
        <FilterSelect
          name="comune"
          label={t("organizations.filterComune")}
          allLabel={t("organizations.allComuni")}
          defaultValue={filter.comune}
          options={comuni.map((comune) => ({ value: comune.slug, label: comune.name }))}
        />
      </FilterForm>

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
