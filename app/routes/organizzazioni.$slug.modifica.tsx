import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { OrganizationForm } from "~/components/organization-form";
import { listComuni } from "~/models/comune.server";
import { DuplicateOrganizationError, getOrganizationBySlug, updateOrganization } from "~/models/organization.server";
import { canManageOrganizations } from "~/policies";
import { organizationSchema } from "~/schemas/network";
import { requireUser, toActor } from "~/services/auth.server";
import { flashToast } from "~/services/session.server";
import { notFound, requireAllowed } from "~/utils/http.server";

async function loadEditable(request: Request, slug: string | undefined) {
  const user = await requireUser(request);
  const organization = await getOrganizationBySlug(slug ?? "");
  if (!organization) notFound();
  requireAllowed(canManageOrganizations(toActor(user)));
  return { user, organization };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { organization } = await loadEditable(request, params.slug);
  return { organization, comuni: await listComuni() };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, organization } = await loadEditable(request, params.slug);
  const submission = parseWithZod(await request.formData(), { schema: organizationSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  try {
    await updateOrganization(user.id, organization.id, submission.value);
  } catch (error) {
    if (!(error instanceof DuplicateOrganizationError)) throw error;
    return data({ result: submission.reply({ fieldErrors: { name: ["organizations.nameTaken"] } }) }, { status: 409 });
  }
  return redirect(`/organizzazioni/${organization.slug}`, { headers: await flashToast(request, "organizations.saved") });
}

export default function EditOrganizationPage() {
  const { t } = useTranslation();
  const { organization, comuni } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <section className="page narrow" aria-labelledby="edit-org-title">
      <h1 id="edit-org-title">
        {t("organizations.edit")}: {organization.name}
      </h1>
      <OrganizationForm
        comuni={comuni}
        defaultValue={organization}
        lastResult={actionData?.result}
        cancelTo={`/organizzazioni/${organization.slug}`}
      />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
