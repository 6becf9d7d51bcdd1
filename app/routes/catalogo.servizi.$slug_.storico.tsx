import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { describeChangeValue, type ChangeLookups } from "~/components/catalogue/change-lines";
import { ServiceStatusBadge } from "~/components/catalogue/service-status-badge";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { getServiceForEdit, listServiceChanges, listServiceFormOptions } from "~/models/service.server";
import { canViewUnpublishedServices } from "~/policies";
import { requireUser, toActor } from "~/services/auth.server";
import { formatDateTime } from "~/utils/dates";
import { notFound, requireAllowed } from "~/utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ data: loaderData }) => [{ title: `${loaderData?.service.name ?? ""} · Storico · TWB Community Labs` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requireAllowed(canViewUnpublishedServices(toActor(user)));
  const service = await getServiceForEdit(params.slug ?? "");
  if (!service) notFound();
  const [changes, options] = await Promise.all([listServiceChanges(service.id), listServiceFormOptions()]);
  return {
    service: { slug: service.slug, name: service.name, status: service.status },
    changes,
    lookups: {
      organizations: options.organizations.map((organization) => [organization.id, organization.name] as const),
      terms: options.termGroups.flatMap((group) => [
        [group.id, group.name] as const,
        ...group.children.filter((term) => term.id !== group.id).map((term) => [term.id, `${group.name} › ${term.name}`] as const),
      ]),
      comuni: options.comuni.map((comune) => [comune.id, comune.name] as const),
    },
  };
}

function Lines({ lines }: { lines: string[] }) {
  const { t } = useTranslation();
  if (!lines.length) return <span className="muted">{t("catalogueAdmin.empty")}</span>;
  if (lines.length === 1) return <span className="change-value">{lines[0]}</span>;
  return (
    <ul className="change-value">
      {lines.map((line, index) => (
        <li key={`${index}-${line}`}>{line}</li>
      ))}
    </ul>
  );
}

export default function ServiceHistoryPage() {
  const { t, i18n } = useTranslation();
  const { service, changes, lookups } = useLoaderData<typeof loader>();
  const maps = useMemo<ChangeLookups>(
    () => ({ organizations: new Map(lookups.organizations), terms: new Map(lookups.terms), comuni: new Map(lookups.comuni) }),
    [lookups],
  );
  return (
    <section className="page narrow" aria-labelledby="service-history-title">
      <p className="breadcrumb">
        <Link to="/catalogo/gestione">{t("catalogueAdmin.backToManage")}</Link> › <Link to={`/catalogo/servizi/${service.slug}`}>{service.name}</Link>
      </p>
      <h1 id="service-history-title">{t("catalogueAdmin.historyTitle", { name: service.name })}</h1>
      <p className="actions">
        <ServiceStatusBadge status={service.status} />
        <Link to={`/catalogo/servizi/${service.slug}/modifica`}>{t("catalogueAdmin.edit")}</Link>
      </p>
      <p className="muted">{t("catalogueAdmin.historyIntro")}</p>
      {changes.length === 0 ? (
        <p>{t("catalogueAdmin.noChanges")}</p>
      ) : (
        <ol className="activity-feed" data-testid="service-history">
          {changes.map((change) => (
            <li key={change.id}>
              <p>
                <strong>{t(`catalogueAdmin.fields.${change.field}`, { defaultValue: change.field })}</strong>
                {" · "}
                {change.actor?.name ?? t("catalogueAdmin.system")}
                {" · "}
                <time className="muted small" dateTime={new Date(change.createdAt).toISOString()}>
                  {formatDateTime(change.createdAt, i18n.language)}
                </time>
              </p>
              {change.field === "created" ? (
                <Lines lines={describeChangeValue(change.field, change.after, t, maps, i18n.language)} />
              ) : (
                <dl className="details">
                  <dt>{t("catalogueAdmin.before")}</dt>
                  <dd>
                    <Lines lines={describeChangeValue(change.field, change.before, t, maps, i18n.language)} />
                  </dd>
                  <dt>{t("catalogueAdmin.after")}</dt>
                  <dd>
                    <Lines lines={describeChangeValue(change.field, change.after, t, maps, i18n.language)} />
                  </dd>
                </dl>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
