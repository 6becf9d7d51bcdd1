import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { OrganizationForm } from "~/components/organization-form";
import { listComuni } from "~/models/comune.server";
import { createOrganization, DuplicateOrganizationError } from "~/models/organization.server";
import { canManageOrganizations } from "~/policies";
import { organizationSchema } from "~/schemas/network";
import { requireUser, toActor } from "~/services/auth.server";
import { flashToast } from "~/services/session.server";
import { requireAllowed } from "~/utils/http.server";

export async function loader({ request }: LoaderFunctionArgs) {
  requireAllowed(canManageOrganizations(toActor(await requireUser(request))));
  return { comuni: await listComuni() };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  requireAllowed(canManageOrganizations(toActor(user)));
  const submission = parseWithZod(await request.formData(), { schema: organizationSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  try {
    const organization = await createOrganization(user.id, submission.value);
    return redirect(`/organizzazioni/${organization.slug}`, { headers: await flashToast(request, "organizations.saved") });
  } catch (error) {
    if (!(error instanceof DuplicateOrganizationError)) throw error;
    return data({ result: submission.reply({ fieldErrors: { name: ["organizations.nameTaken"] } }) }, { status: 409 });
  }
}

export default function NewOrganizationPage() {
  const { t } = useTranslation();
  const { comuni } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <section className="page narrow" aria-labelledby="new-org-title">
      <h1 id="new-org-title">{t("organizations.new")}</h1>
      <OrganizationForm comuni={comuni} lastResult={actionData?.result} cancelTo="/organizzazioni" />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
