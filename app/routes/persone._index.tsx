import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
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
      <Form method="get" className="filters" role="search" aria-label={t("organizations.filter")}>
        <div className="field">
          <label htmlFor="people-q">{t("people.search")}</label>
          <input id="people-q" name="q" type="search" defaultValue={filter.q ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="people-role">{t("people.filterRole")}</label>
          <select id="people-role" name="role" defaultValue={filter.role ?? ""}>
            <option value="">{t("people.allRoles")}</option>
            {PLATFORM_ROLE_VALUES.map((role) => (
              <option key={role} value={role}>
                {t(`roles.${role}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="people-org">{t("people.filterOrganization")}</label>
          <select id="people-org" name="organization" defaultValue={filter.organization ?? ""}>
            <option value="">{t("people.allOrganizations")}</option>
            {organizations.map((organization) => (
              <option key={organization.id} value={organization.id}>
                {organization.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          {t("organizations.filter")}
        </button>
      </Form>
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
