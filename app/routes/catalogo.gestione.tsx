import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ServiceStatusBadge } from "~/components/catalogue/service-status-badge";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { TableRegion } from "~/components/ui/table-region";
import { listApprovedProposalsWithoutService, listServicesForManagement } from "~/models/service.server";
import { SERVICE_STATUSES } from "~/schemas/service";
import { requireCatalogueManager } from "~/services/catalogue-admin.server";
import { formatDateTime } from "~/utils/dates";

export const meta: MetaFunction = () => [{ title: "Gestione del catalogo · TWB Community Labs" }];

type Status = (typeof SERVICE_STATUSES)[number];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireCatalogueManager(request);
  const requested = new URL(request.url).searchParams.get("stato");
  const status = SERVICE_STATUSES.includes(requested as Status) ? (requested as Status) : undefined;
  const [services, proposals] = await Promise.all([listServicesForManagement(status), listApprovedProposalsWithoutService()]);
  return { services, proposals, status: status ?? "" };
}

export default function CatalogueManagementPage() {
  const { t, i18n } = useTranslation();
  const { services, proposals, status } = useLoaderData<typeof loader>();
  return (
    <section className="page" aria-labelledby="catalogue-manage-title">
      <p className="breadcrumb">
        <Link to="/catalogo">{t("nav.catalogue")}</Link>
      </p>
      <div className="page-heading">
        <h1 id="catalogue-manage-title">{t("catalogueAdmin.manageTitle")}</h1>
        <div className="button-row">
          <Link to="/catalogo/nuovo" className="button">
            {t("catalogueAdmin.newService")}
          </Link>
          <Link to="/catalogo/importa" className="button button-secondary">
            {t("hsds.importTitle")}
          </Link>
        </div>
      </div>
      <p className="lead">{t("catalogueAdmin.manageIntro")}</p>

      <section aria-labelledby="approved-proposals-title" className="boxed">
        <h2 id="approved-proposals-title">{t("catalogueAdmin.approvedTitle")}</h2>
        <p className="muted">{t("catalogueAdmin.approvedIntro")}</p>
        {proposals.length === 0 ? (
          <p>{t("catalogueAdmin.noApproved")}</p>
        ) : (
          <ul className="session-list" data-testid="approved-proposals">
            {proposals.map((proposal) => (
              <li key={proposal.id} className="actions">
                <span className="grow">
                  <Link to={`/laboratori/${proposal.lab.slug}/proposte/${proposal.id}`}>{proposal.title}</Link>
                  <br />
                  <span className="muted small">
                    {t("catalogueAdmin.labOf", { lab: proposal.lab.title })}
                    {proposal.decidedAt ? ` · ${t("catalogueAdmin.approvedOn", { date: formatDateTime(proposal.decidedAt, i18n.language) })}` : ""}
                  </span>
                </span>
                <Link
                  to={`/catalogo/da-proposta/${proposal.id}`}
                  className="button button-small"
                  aria-label={t("catalogueAdmin.createFromProposalLabel", { title: proposal.title })}
                >
                  {t("catalogueAdmin.createFromProposal")}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>

      <h2>{t("catalogueAdmin.servicesTable")}</h2>
      <Form method="get" className="filters" aria-label={t("catalogueAdmin.filter")}>
        <div className="field">
          <label htmlFor="status-filter">{t("catalogueAdmin.status")}</label>
          <select id="status-filter" name="stato" defaultValue={status}>
            <option value="">{t("catalogueAdmin.allStatuses")}</option>
            {SERVICE_STATUSES.map((value) => (
              <option key={value} value={value}>
                {t(`catalogueAdmin.statuses.${value}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button button-secondary">
          {t("catalogueAdmin.filter")}
        </button>
      </Form>
      <p className="muted" role="status">
        {t("catalogueAdmin.count", { count: services.length })}
      </p>
      {services.length === 0 ? (
        <p>{t("catalogueAdmin.noServices")}</p>
      ) : (
        <TableRegion label={t("catalogueAdmin.servicesTable")} testId="managed-services">
          <thead>
            <tr>
              <th scope="col">{t("catalogueAdmin.name")}</th>
              <th scope="col">{t("catalogueAdmin.status")}</th>
              <th scope="col">{t("catalogueAdmin.updated")}</th>
              <th scope="col">{t("catalogueAdmin.fromProposal")}</th>
              <th scope="col">{t("catalogueAdmin.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {services.map((service) => (
              <tr key={service.id}>
                <td>
                  <Link to={`/catalogo/servizi/${service.slug}`}>{service.name}</Link>
                </td>
                <td>
                  <ServiceStatusBadge status={service.status} />
                </td>
                <td>
                  <time dateTime={new Date(service.updatedAt).toISOString()}>{formatDateTime(service.updatedAt, i18n.language)}</time>
                </td>
                <td>{service.proposal?.title ?? t("common.none")}</td>
                <td>
                  <span className="actions">
                    <Link to={`/catalogo/servizi/${service.slug}/modifica`} aria-label={t("catalogueAdmin.editLabel", { name: service.name })}>
                      {t("catalogueAdmin.edit")}
                    </Link>
                    <Link to={`/catalogo/servizi/${service.slug}/storico`} aria-label={t("catalogueAdmin.historyLabel", { name: service.name })}>
                      {t("catalogueAdmin.history")}
                    </Link>
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </TableRegion>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
