import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FilterForm, FilterSearch, FilterSelect } from "~/components/filter-form";
import { listOrganizationOptions } from "~/models/organization.server";
import { listPeople } from "~/models/user.server";
import { canViewPeople } from "~/policies";
import { PLATFORM_ROLE_VALUES } from "~/schemas/common";
import { peopleFilterSchema } from "~/schemas/network";
import { requireUser, toActor } from "~/services/auth.server";
import { requireAllowed } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "Persone · TWB Community Labs" }];

export async function loader({ request }: LoaderFunctionArgs) {
  requireAllowed(canViewPeople(toActor(await requireUser(request))));
  const filter = peopleFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const [people, organizations] = await Promise.all([
    listPeople({ q: filter.q, role: filter.role, organizationId: filter.organization }),
    listOrganizationOptions(),
  ]);
  return { people, organizations, filter };
}

export default function PeoplePage() {
  const { t } = useTranslation();
  const { people, organizations, filter } = useLoaderData<typeof loader>();
  return (
    <section className="page" aria-labelledby="people-title">
      <h1 id="people-title">{t("people.title")}</h1>
      <FilterForm>
        <FilterSearch name="q" label={t("people.search")} defaultValue={filter.q} />
        <FilterSelect
          name="role"
          label={t("people.filterRole")}
          allLabel={t("people.allRoles")}
          defaultValue={filter.role}
          options={PLATFORM_ROLE_VALUES.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
        />
        <FilterSelect
          name="organization"
          label={t("people.filterOrganization")}
          allLabel={t("people.allOrganizations")}
          defaultValue={filter.organization}
          options={organizations.map((organization) => ({ value: organization.id, label: organization.name }))}
        />
      </FilterForm>
      <p role="status" className="muted">
        {t("people.results", { count: people.length })}
      </p>
      {people.length === 0 ? (
        <p>{t("people.none")}</p>
      ) : (
        <ul className="card-grid">
          {people.map((person) => (
            <li key={person.id} className="card">
              <h2 className="card-title">
                <Link to={`/persone/${person.id}`}>{person.name}</Link>
              </h2>
              <p className="tags">
                <span className="tag">{t(`roles.${person.role}`)}</span>
              </p>
              <p className="muted">
                {person.memberships.map((membership) => membership.organization.name).join(" · ") || t("common.none")}
              </p>
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
