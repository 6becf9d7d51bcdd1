import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ServiceForm } from "~/components/catalogue/service-form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { createService, listServiceFormOptions } from "~/models/service.server";
import { parseServiceForm, requireCatalogueManager } from "~/services/catalogue-admin.server";
import { flashToast } from "~/services/session.server";

export const meta: MetaFunction = () => [{ title: "Nuovo servizio · Catalogo · TWB Community Labs" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireCatalogueManager(request);
  return { options: await listServiceFormOptions() };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireCatalogueManager(request);
  const parsed = await parseServiceForm(await request.formData());
  if (!parsed.ok) return data({ result: parsed.result }, { status: parsed.status });
  const service = await createService(user.id, parsed.value);
  return redirect(`/catalogo/servizi/${service.slug}`, { headers: await flashToast(request, "catalogueAdmin.created") });
}

export default function NewServicePage() {
  const { t } = useTranslation();
  const { options } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <section className="page narrow" aria-labelledby="new-service-title">
      <p className="breadcrumb">
        <Link to="/catalogo/gestione">{t("catalogueAdmin.backToManage")}</Link>
      </p>
      <h1 id="new-service-title">{t("catalogueAdmin.newTitle")}</h1>
      <p className="lead">{t("catalogueAdmin.newIntro")}</p>
      <ServiceForm
        lastResult={actionData?.result}
        defaultValue={{ languages: ["it"] }}
        options={options}
        submitLabel={t("catalogueAdmin.create")}
        cancelTo="/catalogo/gestione"
      />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
