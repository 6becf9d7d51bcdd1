import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PracticeForm } from "~/components/good-practices/practice-form";
import { getPracticeBySlug, listServiceOptions, updatePractice } from "~/models/good-practice.server";
import { listOrganizationOptions } from "~/models/organization.server";
import { canEditPractice } from "~/policies";
import { goodPracticeSchema, practiceTexts } from "~/schemas/good-practice";
import { requireUser, toActor } from "~/services/auth.server";
import { flashToast } from "~/services/session.server";
import { notFound, requireAllowed } from "~/utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ data: loaderData }) => [{ title: `${loaderData?.practice.title ?? "Buona prassi"} · TWB Community Labs` }];

async function loadEditable(request: Request, slug: string | undefined) {
  const user = await requireUser(request);
  const practice = await getPracticeBySlug(slug ?? "");
  if (!practice) notFound();
  requireAllowed(canEditPractice(toActor(user), practice));
  return { user, practice };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { practice } = await loadEditable(request, params.slug);
  const [organizations, services] = await Promise.all([listOrganizationOptions(), listServiceOptions()]);
  return {
    practice: {
      slug: practice.slug,
      ...practiceTexts(practice),
      organizationIds: practice.organizations.map((entry) => entry.organizationId),
      serviceIds: practice.services.map((entry) => entry.serviceId),
    },
    organizations,
    // Links to services that are no longer listed stay selectable, so saving does not drop them silently.
    services: [
      ...services,
      ...practice.services.filter((entry) => !services.some((service) => service.id === entry.serviceId)).map((entry) => ({ id: entry.service.id, name: entry.service.name })),
    ],
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { practice } = await loadEditable(request, params.slug);
  const submission = parseWithZod(await request.formData(), { schema: goodPracticeSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const updated = await updatePractice(practice.id, submission.value);
  return redirect(`/buone-prassi/${updated.slug}`, { headers: await flashToast(request, "goodPractices.saved") });
}

export default function EditPracticePage() {
  const { t } = useTranslation();
  const { practice, organizations, services } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <section className="page narrow" aria-labelledby="edit-practice-title">
      <h1 id="edit-practice-title">{t("goodPractices.editTitle", { title: practice.title })}</h1>
      <PracticeForm
        defaultValue={practice}
        organizations={organizations}
        services={services}
        lastResult={actionData?.result}
        submitLabel={t("goodPractices.save")}
        cancelTo={`/buone-prassi/${practice.slug}`}
      />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
