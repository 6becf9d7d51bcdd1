import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ServiceForm } from "~/components/catalogue/service-form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import {
  createServiceFromProposal,
  draftInputFromProposal,
  getProposalForCatalogue,
  listServiceFormOptions,
  ProposalAlreadyCatalogued,
  ProposalNotApprovedError,
} from "~/models/service.server";
import { serviceInputToFormValues } from "~/schemas/service-form";
import { parseServiceForm, requireCatalogueManager } from "~/services/catalogue-admin.server";
import { flashToast } from "~/services/session.server";
import { notFound } from "~/utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ data: loaderData }) => [{ title: `${loaderData?.proposal.title ?? ""} · Nuovo servizio · TWB Community Labs` }];

type Refusal = { kind: "notApproved"; stage: string } | { kind: "alreadyCatalogued"; serviceSlug: string; serviceName?: string };

async function loadProposal(request: Request, proposalId: string | undefined) {
  const user = await requireCatalogueManager(request);
  if (!z.string().uuid().safeParse(proposalId).success) notFound();
  const proposal = await getProposalForCatalogue(proposalId!);
  if (!proposal) notFound();
  const refusal: Refusal | null =
    proposal.stage !== "APPROVED"
      ? { kind: "notApproved", stage: proposal.stage }
      : proposal.service
        ? { kind: "alreadyCatalogued", serviceSlug: proposal.service.slug, serviceName: proposal.service.name }
        : null;
  return { user, proposal, refusal };
}

const summary = (proposal: NonNullable<Awaited<ReturnType<typeof getProposalForCatalogue>>>) => ({ id: proposal.id, title: proposal.title, lab: proposal.lab });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { proposal, refusal } = await loadProposal(request, params.proposalId);
  if (refusal) return data({ proposal: summary(proposal), refusal, draft: null, options: null }, { status: 409 });
  try {
    const { draft } = await draftInputFromProposal(proposal.id);
    return { proposal: summary(proposal), refusal: null, draft: serviceInputToFormValues(draft), options: await listServiceFormOptions() };
  } catch (error) {
    // Decided or catalogued by someone else a moment ago: say so rather than fail.
    if (error instanceof ProposalNotApprovedError) return data({ proposal: summary(proposal), refusal: { kind: "notApproved", stage: proposal.stage } as Refusal, draft: null, options: null }, { status: 409 });
    if (error instanceof ProposalAlreadyCatalogued) {
      return data({ proposal: summary(proposal), refusal: { kind: "alreadyCatalogued", serviceSlug: error.serviceSlug } as Refusal, draft: null, options: null }, { status: 409 });
    }
    throw error;
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, proposal, refusal } = await loadProposal(request, params.proposalId);
  if (refusal) return data({ refusal, result: undefined }, { status: 409 });
  const parsed = await parseServiceForm(await request.formData());
  if (!parsed.ok) return data({ refusal: null, result: parsed.result }, { status: parsed.status });
  try {
    const service = await createServiceFromProposal(user.id, proposal.id, parsed.value);
    return redirect(`/catalogo/servizi/${service.slug}`, { headers: await flashToast(request, "catalogueAdmin.created") });
  } catch (error) {
    if (error instanceof ProposalNotApprovedError) return data({ refusal: { kind: "notApproved", stage: proposal.stage } as Refusal, result: undefined }, { status: 409 });
    if (error instanceof ProposalAlreadyCatalogued) return data({ refusal: { kind: "alreadyCatalogued", serviceSlug: error.serviceSlug } as Refusal, result: undefined }, { status: 409 });
    throw error;
  }
}

export default function ServiceFromProposalPage() {
  const { t } = useTranslation();
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { proposal, draft, options } = loaderData;
  const refusal = actionData?.refusal ?? loaderData.refusal;
  const proposalPath = `/laboratori/${proposal.lab.slug}/proposte/${proposal.id}`;
  return (
    <section className="page narrow" aria-labelledby="service-from-proposal-title">
      <p className="breadcrumb">
        <Link to="/catalogo/gestione">{t("catalogueAdmin.backToManage")}</Link>
      </p>
      <h1 id="service-from-proposal-title">{t("catalogueAdmin.fromProposalTitle", { title: proposal.title })}</h1>
      {refusal ? (
        <div className="notice" role="alert" data-testid="proposal-refusal">
          {refusal.kind === "notApproved" ? (
            <>
              <h2 className="small-heading">{t("catalogueAdmin.notApprovedTitle")}</h2>
              <p>{t("catalogueAdmin.notApproved", { title: proposal.title, stage: t(`stages.${refusal.stage}`) })}</p>
            </>
          ) : (
            <>
              <h2 className="small-heading">{t("catalogueAdmin.alreadyCataloguedTitle")}</h2>
              <p>{t("catalogueAdmin.alreadyCatalogued")}</p>
              <p>
                <Link to={`/catalogo/servizi/${refusal.serviceSlug}`}>
                  {t("catalogueAdmin.openService")}
                  {refusal.serviceName ? `: ${refusal.serviceName}` : ""}
                </Link>
              </p>
            </>
          )}
          <p>
            <Link to={proposalPath}>{t("catalogueAdmin.proposalLink")}</Link>
          </p>
        </div>
      ) : draft && options ? (
        <>
          <p className="lead">{t("catalogueAdmin.fromProposalIntro")}</p>
          <p>
            <Link to={proposalPath}>{t("catalogueAdmin.proposalLink")}</Link>
          </p>
          <ServiceForm lastResult={actionData?.result} defaultValue={draft} options={options} submitLabel={t("catalogueAdmin.create")} cancelTo="/catalogo/gestione" />
        </>
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
