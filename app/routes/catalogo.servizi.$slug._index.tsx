import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { OpeningHours } from "~/components/catalogue/opening-hours";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { LocationMap } from "~/components/location-map";
import { isOpenAt } from "~/catalogue/opening-hours";
import { getServiceForEdit } from "~/models/service.server";
import { canManageCatalogue, canViewUnpublishedServices } from "~/policies";
import { getOptionalUser, toActor } from "~/services/auth.server";
import { formatDate } from "~/utils/dates";
import { notFound } from "~/utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ data: loaderData }) => [
  { title: `${loaderData?.service.name ?? "Servizio"} · TWB Community Labs` },
  ...(loaderData ? [{ name: "description", content: loaderData.service.description.slice(0, 160) }] : []),
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = toActor(await getOptionalUser(request));
  const service = await getServiceForEdit(params.slug ?? "");
  const isPublic = service && (service.status === "PUBLISHED" || service.status === "TEMPORARILY_CLOSED");
  // Drafts and withdrawn services do not exist for the public: 404, not 403, so nothing leaks.
  if (!service || (!isPublic && !canViewUnpublishedServices(actor))) notFound();
  const { searchText: _searchText, hsdsExtra: _hsdsExtra, ...shown } = service;
  return {
    service: shown,
    openNow: service.status === "PUBLISHED" && isOpenAt(service.schedules, new Date()),
    canManage: canManageCatalogue(actor),
  };
}

const euro = (cents: number, locale: string) => new Intl.NumberFormat(locale === "en" ? "en-GB" : "it-IT", { style: "currency", currency: "EUR" }).format(cents / 100);

export default function ServicePage() {
  const { t, i18n } = useTranslation();
  const { service, openNow, canManage } = useLoaderData<typeof loader>();
  const lead = service.organizations.find((link) => link.isLead);
  const ages =
    service.minimumAge !== null && service.maximumAge !== null
      ? t("catalogue.service.ages", { min: service.minimumAge, max: service.maximumAge })
      : service.minimumAge !== null
        ? t("catalogue.service.agesFrom", { min: service.minimumAge })
        : service.maximumAge !== null
          ? t("catalogue.service.agesTo", { max: service.maximumAge })
          : null;

  return (
    <article className="page service-page" aria-labelledby="service-title">
      <p className="breadcrumb">
        <Link to="/catalogo">{t("catalogue.service.backToSearch")}</Link>
      </p>
      <div className="page-heading">
        <h1 id="service-title">{service.name}</h1>
        {canManage ? (
          <div className="button-row">
            <Link to={`/catalogo/servizi/${service.slug}/modifica`} className="button button-secondary">
              {t("catalogue.service.edit")}
            </Link>
            <Link to={`/catalogo/servizi/${service.slug}/storico`} className="button button-secondary">
              {t("catalogue.service.history")}
            </Link>
          </div>
        ) : null}
      </div>
      <p className="tags">
        {service.status === "DRAFT" ? <span className="tag tag-warning">{t("catalogue.service.statusDraft")}</span> : null}
        {service.status === "UNPUBLISHED" ? <span className="tag tag-warning">{t("catalogue.service.statusUnpublished")}</span> : null}
        {service.status === "TEMPORARILY_CLOSED" ? <span className="tag tag-warning">{t("catalogue.temporarilyClosed")}</span> : null}
        {service.status === "PUBLISHED" ? (
          <span className={openNow ? "tag tag-accent" : "tag"} title={t("catalogue.service.openNowNote")}>
            {openNow ? t("catalogue.service.openNow") : t("catalogue.service.closedNow")}
          </span>
        ) : null}
        {service.terms.map((link) => (
          <Link key={link.termId} className="tag" to={`/catalogo?categoria=${encodeURIComponent(link.term.code)}`}>
            {link.term.name}
          </Link>
        ))}
      </p>
      {service.alert ? (
        <p className="notice notice-warning" role="note">
          {service.alert}
        </p>
      ) : null}
      {lead ? <p className="muted">{lead.organization.name}</p> : null}

      <section aria-labelledby="what-title">
        <h2 id="what-title">{t("catalogue.service.whatItIs")}</h2>
        <p className="lead preserve-lines">{service.description}</p>
        {service.proposal ? (
          <p className="muted">
            <Link to={`/laboratori/${service.proposal.lab.slug}/proposte/${service.proposal.id}`}>{t("catalogue.service.fromProposal", { title: service.proposal.title })}</Link>
          </p>
        ) : null}
      </section>

      <div className="two-columns">
        <section aria-labelledby="who-title">
          <h2 id="who-title">{t("catalogue.service.forWhom")}</h2>
          {service.eligibilityDescription ? <p className="preserve-lines">{service.eligibilityDescription}</p> : null}
          {ages ? <p>{ages}</p> : null}
          <h2 id="costs-title">{t("catalogue.service.costs")}</h2>
          <ul className="plain-list">
            {service.costs.map((cost) => (
              <li key={cost.id}>
                <strong>{t(`catalogue.service.cost${cost.kind === "FREE" ? "Free" : cost.kind === "FEE" ? "Fee" : "Reduced"}`)}</strong>
                {cost.amountCents !== null ? ` · ${euro(cost.amountCents, i18n.language)}` : ""}
                {cost.amountDescription ? ` · ${cost.amountDescription}` : ""}
              </li>
            ))}
          </ul>
          {service.feesDescription ? <p>{service.feesDescription}</p> : null}
        </section>
        <section aria-labelledby="hours-title">
          <h2 id="hours-title">{t("catalogue.service.hours")}</h2>
          <OpeningHours schedules={service.schedules} />
        </section>
      </div>

      <section aria-labelledby="access-title">
        <h2 id="access-title">{t("catalogue.service.howToAccess")}</h2>
        {service.applicationProcess ? <p className="preserve-lines">{service.applicationProcess}</p> : null}
        {service.requiredDocuments.length ? (
          <>
            <h3>{t("catalogue.service.documents")}</h3>
            <ul>
              {service.requiredDocuments.map((document) => (
                <li key={document}>{document}</li>
              ))}
            </ul>
          </>
        ) : null}
        <dl className="details">
          <dt>{t("catalogue.service.languages")}</dt>
          <dd>{service.languages.map((language) => t(`languages.${language}`, { defaultValue: language })).join(", ")}</dd>
          {service.interpretationServices ? (
            <>
              <dt>{t("catalogue.service.interpretation")}</dt>
              <dd>{service.interpretationServices}</dd>
            </>
          ) : null}
          {service.accessibility ? (
            <>
              <dt>{t("catalogue.service.accessibility")}</dt>
              <dd>{service.accessibility}</dd>
            </>
          ) : null}
        </dl>
      </section>

      <section aria-labelledby="where-title">
        <h2 id="where-title">{t("catalogue.service.where")}</h2>
        <ul className="card-grid">
          {service.locations.map(({ location }) => (
            <li key={location.id} className="card">
              <h3 className="card-title">{location.name}</h3>
              <p>
                {location.address}, {location.postalCode ? `${location.postalCode} ` : ""}
                {location.city}
              </p>
              {location.accessibility ? (
                <p>
                  <strong>{t("catalogue.service.accessibility")}:</strong> {location.accessibility}
                </p>
              ) : null}
              {location.transportation ? (
                <p>
                  <strong>{t("catalogue.service.transportation")}:</strong> {location.transportation}
                </p>
              ) : null}
              <LocationMap latitude={location.latitude} longitude={location.longitude} label={`${service.name} — ${location.name}`} />
            </li>
          ))}
        </ul>
      </section>

      <div className="two-columns">
        <section aria-labelledby="contacts-title">
          <h2 id="contacts-title">{t("catalogue.service.contacts")}</h2>
          <ul className="plain-list">
            {service.contacts.map((contact) => (
              <li key={contact.id}>
                {[contact.name, contact.title].filter(Boolean).join(", ")}
                {contact.phone ? (
                  <>
                    {" "}
                    {t("catalogue.service.phone")}: <a href={`tel:${contact.phone.replace(/[^+0-9]/g, "")}`}>{contact.phone}</a>
                  </>
                ) : null}
                {contact.email ? (
                  <>
                    {" "}
                    {t("catalogue.service.email")}: <a href={`mailto:${contact.email}`}>{contact.email}</a>
                  </>
                ) : null}
              </li>
            ))}
            {service.url ? (
              <li>
                {t("catalogue.service.website")}:{" "}
                <a href={service.url} rel="noopener noreferrer">
                  {service.url}
                </a>
              </li>
            ) : null}
          </ul>
        </section>
        <section aria-labelledby="providers-title">
          <h2 id="providers-title">{t("catalogue.service.providers")}</h2>
          <ul className="plain-list">
            {service.organizations.map((link) => (
              <li key={link.organizationId}>
                <Link to={`/organizzazioni/${link.organization.slug}`}>{link.organization.name}</Link>
                {link.isLead ? <span className="muted"> ({t("catalogue.service.leadProvider")})</span> : null}
              </li>
            ))}
          </ul>
        </section>
      </div>

      <p className="muted">
        {service.lastVerifiedAt ? t("catalogue.service.lastVerified", { date: formatDate(service.lastVerifiedAt, i18n.language) }) : t("catalogue.service.notVerified")}
        {service.status === "PUBLISHED" || service.status === "TEMPORARILY_CLOSED" ? (
          <>
            {" · "}
            <a href={`/api/hsds/services/${service.id}`}>{t("catalogue.service.hsds")}</a>
          </>
        ) : null}
      </p>
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
