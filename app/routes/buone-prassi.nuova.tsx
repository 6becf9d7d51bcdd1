import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PracticeForm } from "~/components/good-practices/practice-form";
import { createPractice, listServiceOptions } from "~/models/good-practice.server";
import { listOrganizationOptions } from "~/models/organization.server";
import { canSubmitPractice } from "~/policies";
import { goodPracticeSchema } from "~/schemas/good-practice";
import { requireUser, toActor } from "~/services/auth.server";
import { flashToast } from "~/services/session.server";
import { requireAllowed } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "Nuova buona prassi · TWB Community Labs" }];

export async function loader({ request }: LoaderFunctionArgs) {
  requireAllowed(canSubmitPractice(toActor(await requireUser(request))));
  const [organizations, services] = await Promise.all([listOrganizationOptions(), listServiceOptions()]);
  return { organizations, services };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  requireAllowed(canSubmitPractice(toActor(user)));
  const submission = parseWithZod(await request.formData(), { schema: goodPracticeSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const practice = await createPractice(user.id, submission.value);
  return redirect(`/buone-prassi/${practice.slug}`, { headers: await flashToast(request, "goodPractices.submitted") });
}

export default function NewPracticePage() {
  const { t } = useTranslation();
  const { organizations, services } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <section className="page narrow" aria-labelledby="new-practice-title">
      <h1 id="new-practice-title">{t("goodPractices.new")}</h1>
      <p className="lead">{t("goodPractices.newIntro")}</p>
      <PracticeForm
        organizations={organizations}
        services={services}
        lastResult={actionData?.result}
        submitLabel={t("goodPractices.submit")}
        cancelTo="/buone-prassi"
      />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
