import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { listLabs } from "~/models/lab.server";
import { canCreateLab, canViewLab } from "~/policies";
import { requireUser, toActor } from "~/services/auth.server";
import { requireAllowed } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "Laboratori · TWB Community Labs" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const actor = toActor(user);
  requireAllowed(canViewLab(actor));
  const labs = await listLabs(user.id);
  return {
    canCreate: canCreateLab(actor),
    labs: labs.map((lab) => ({
      slug: lab.slug,
      title: lab.title,
      challenge: lab.challenge,
      status: lab.status,
      myRole: lab.myRole,
      members: lab._count.members,
      proposals: lab._count.proposals,
      organizations: lab.organizations.map((entry) => entry.organization.name),
      kinds: new Set(lab.organizations.map((entry) => entry.organization.kind)).size,
    })),
  };
}

export default function LabsPage() {
  const { t } = useTranslation();
  const { labs, canCreate } = useLoaderData<typeof loader>();
  return (
    <section className="page" aria-labelledby="labs-title">
      <div className="page-heading">
        <h1 id="labs-title">{t("labs.title")}</h1>
        {canCreate ? (
          <Link to="/laboratori/nuovo" className="button">
            {t("labs.new")}
          </Link>
        ) : null}
      </div>
      <p className="lead">{t("labs.intro")}</p>
      {labs.length === 0 ? (
        <p>{t("labs.none")}</p>
      ) : (
        <ul className="card-grid">
          {labs.map((lab) => (
            <li key={lab.slug} className="card">
              <h2 className="card-title">
                <Link to={`/laboratori/${lab.slug}`}>{lab.title}</Link>
              </h2>
              <p className="tags">
                <span className="tag">{t(`labs.status.${lab.status}`)}</span>
                {lab.myRole ? <span className="tag tag-accent">{t("labs.yourRole", { role: t(`labs.roles.${lab.myRole}`) })}</span> : null}
              </p>
              <p className="clamp">{lab.challenge}</p>
              <p className="muted">
                {t("labs.kindsCount", { count: lab.kinds })} · {t("labs.members", { count: lab.members })} · {t("labs.proposalsCount", { count: lab.proposals })}
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
