import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ServiceForm } from "~/components/catalogue/service-form";
import { DeleteDraftPanel } from "~/components/catalogue/delete-draft-panel";
import { ServiceStatusPanel, STATUS_INTENTS, type StatusIntent } from "~/components/catalogue/service-status-panel";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { deleteDraftService, getServiceForEdit, listServiceFormOptions, ServiceNotDeletableError, setServiceStatus, toServiceInput, updateService } from "~/models/service.server";
import { canDeleteService } from "~/policies";
import { serviceStatusSchema } from "~/schemas/service";
import { serviceInputToFormValues } from "~/schemas/service-form";
import { parseServiceForm, requireCatalogueManager } from "~/services/catalogue-admin.server";
import { toActor } from "~/services/auth.server";
import { flashToast } from "~/services/session.server";
import { notFound, requireAllowed } from "~/utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ data: loaderData }) => [{ title: `${loaderData?.service.name ?? ""} · Modifica · TWB Community Labs` }];

async function loadService(request: Request, slug: string | undefined) {
  const user = await requireCatalogueManager(request);
  const service = await getServiceForEdit(slug ?? "");
  if (!service) notFound();
  return { user, service };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, service } = await loadService(request, params.slug);
  return {
    service: { slug: service.slug, name: service.name, status: service.status, alert: service.alert, proposal: service.proposal },
    canDelete: canDeleteService(toActor(user), service),
    defaults: serviceInputToFormValues(toServiceInput(service)),
    options: await listServiceFormOptions(),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, service } = await loadService(request, params.slug);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "save");
  const servicePage = `/catalogo/servizi/${service.slug}`;

  if (intent === "delete") {
    requireAllowed(canDeleteService(toActor(user), service));
    if (formData.get("confirm") !== "yes") return data({ result: undefined, noticeError: undefined, deleteError: "catalogueAdmin.deletePanel.confirmRequired" }, { status: 400 });
    try {
      await deleteDraftService(user.id, service.slug);
    } catch (error) {
      if (!(error instanceof ServiceNotDeletableError)) throw error;
      return data({ result: undefined, noticeError: undefined, deleteError: "catalogueAdmin.deletePanel.notDeletable" }, { status: 409 });
    }
    return redirect("/catalogo/gestione", { headers: await flashToast(request, "catalogueAdmin.deletePanel.deleted") });
  }

  if (Object.hasOwn(STATUS_INTENTS, intent)) {
    const status = STATUS_INTENTS[intent as StatusIntent];
    const parsed = serviceStatusSchema.safeParse({ status, alert: String(formData.get("alert") ?? "").trim() || undefined });
    if (!parsed.success) return data({ result: undefined, noticeError: parsed.error.issues[0]?.message ?? "forms.invalidChoice" }, { status: 400 });
    if (status === "TEMPORARILY_CLOSED" && !parsed.data.alert) return data({ result: undefined, noticeError: "catalogueAdmin.statusPanel.noticeRequired" }, { status: 400 });
    await setServiceStatus(user.id, service.slug, status, parsed.data.alert);
    return redirect(servicePage, { headers: await flashToast(request, `catalogueAdmin.statusToasts.${status}`) });
  }

  const parsed = await parseServiceForm(formData);
  if (!parsed.ok) return data({ result: parsed.result, noticeError: undefined }, { status: parsed.status });
  const saved = await updateService(user.id, service.slug, parsed.value);
  return redirect(servicePage, { headers: await flashToast(request, saved.changed ? "catalogueAdmin.saved" : "catalogueAdmin.unchanged") });
}

export default function EditServicePage() {
  const { t } = useTranslation();
  const { service, defaults, options, canDelete } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <section className="page narrow" aria-labelledby="edit-service-title">
      <p className="breadcrumb">
        <Link to="/catalogo/gestione">{t("catalogueAdmin.backToManage")}</Link> › <Link to={`/catalogo/servizi/${service.slug}`}>{service.name}</Link>
      </p>
      <h1 id="edit-service-title">{t("catalogueAdmin.editTitle", { name: service.name })}</h1>
      <p className="actions">
        <Link to={`/catalogo/servizi/${service.slug}/storico`}>{t("catalogueAdmin.history")}</Link>
        {service.proposal ? <Link to={`/laboratori/${service.proposal.lab.slug}/proposte/${service.proposal.id}`}>{t("catalogueAdmin.proposalLink")}</Link> : null}
      </p>
      <ServiceStatusPanel status={service.status} alert={service.alert} noticeError={actionData?.noticeError} />
      {canDelete ? <DeleteDraftPanel error={actionData && "deleteError" in actionData ? actionData.deleteError : undefined} /> : null}
      <ServiceForm
        lastResult={actionData?.result}
        defaultValue={defaults}
        options={options}
        submitLabel={t("catalogueAdmin.save")}
        cancelTo={`/catalogo/servizi/${service.slug}`}
      />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
