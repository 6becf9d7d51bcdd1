import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { getNetworkFigures } from "~/models/organization.server";
import { getPerson } from "~/models/user.server";
import { getOptionalUser } from "~/services/auth.server";
import { AREAS } from "~/utils/navigation";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  const [figures, person] = await Promise.all([getNetworkFigures(), user ? getPerson(user.id) : null]);
  return {
    figures,
    person: person ? { name: person.name, organizations: person.memberships.map((membership) => membership.organization) } : null,
  };
}

export default function Home() {
  const { t } = useTranslation();
  const { figures, person } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <section className="hero" aria-labelledby="home-title">
        <h1 id="home-title">{person ? t("home.hello", { name: person.name }) : t("home.welcome")}</h1>
        <p className="lead">{t("home.intro")}</p>
        {person ? null : (
          <p className="actions">
            <Link to="/login" className="button">
              {t("home.loginCta")}
            </Link>
            <Link to="/organizzazioni" className="button button-secondary">
              {t("home.browseOrganizations")}
            </Link>
          </p>
        )}
      </section>

      {person ? (
        <section aria-labelledby="my-orgs">
          <h2 id="my-orgs">{t("home.yourOrganizations")}</h2>
          {person.organizations.length ? (
            <ul className="chips">
              {person.organizations.map((organization) => (
                <li key={organization.id}>
                  <Link to={`/organizzazioni/${organization.slug}`}>{organization.name}</Link>
                </li>
              ))}
            </ul>
          ) : (
            <p>{t("home.noOrganizations")}</p>
          )}
        </section>
      ) : null}

      <section aria-labelledby="figures">
        <h2 id="figures">{t("home.networkFigures")}</h2>
        <ul className="figures">
          <li>{t("home.organizationsCount", { count: figures.organizations })}</li>
          <li>{t("home.peopleCount", { count: figures.people })}</li>
          <li>{t("home.comuniCount", { count: figures.comuni })}</li>
        </ul>
      </section>

      <section aria-labelledby="areas">
        <h2 id="areas">{t("home.areasTitle")}</h2>
        <ul className="card-grid">
          {AREAS.map((area) => (
            <li key={area.key} className="card">
              <h3>
                <Link to={area.to}>{t(area.label)}</Link>
              </h3>
              <p>{t(`areas.${area.key}`)}</p>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
