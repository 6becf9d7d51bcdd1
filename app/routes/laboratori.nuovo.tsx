import { getFormProps } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { CheckboxGroup, FormErrors, TextareaField, TextField } from "~/components/ui/field";
import { createLab } from "~/models/lab.server";
import { listOrganizations } from "~/models/organization.server";
import { canCreateLab } from "~/policies";
import { labSchema } from "~/schemas/lab";
import { requireUser, toActor } from "~/services/auth.server";
import { flashToast } from "~/services/session.server";
import { requireAllowed } from "~/utils/http.server";
import { FIELD_VALIDATION } from "~/utils/form-validation";
import { useFormWithErrors } from "~/utils/use-form-with-errors";

export const meta: MetaFunction = () => [{ title: "Nuovo laboratorio · TWB Community Labs" }];

export async function loader({ request }: LoaderFunctionArgs) {
  requireAllowed(canCreateLab(toActor(await requireUser(request))));
  return { organizations: await listOrganizations() };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  requireAllowed(canCreateLab(toActor(user)));
  const submission = parseWithZod(await request.formData(), { schema: labSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const lab = await createLab(user.id, submission.value);
  return redirect(`/laboratori/${lab.slug}`, { headers: await flashToast(request, "labs.saved") });
}

export default function NewLabPage() {
  const { t } = useTranslation();
  const { organizations } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useFormWithErrors({
    id: "lab",
    lastResult: actionData?.result,
    constraint: getZodConstraint(labSchema),
    ...FIELD_VALIDATION,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: labSchema }),
  });
  return (
    <section className="page narrow" aria-labelledby="new-lab-title">
      <h1 id="new-lab-title">{t("labs.new")}</h1>
      <Form method="post" {...getFormProps(form)} className="stack">
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextField field={fields.title} label={t("labs.titleField")} />
        <TextareaField field={fields.challenge} label={t("labs.challenge")} help={t("labs.challengeHelp")} rows={5} />
        <p className="field-help">{t("labs.organizationsHelp")}</p>
        <CheckboxGroup
          field={fields.organizationIds}
          label={t("labs.organizations")}
          options={organizations.map((organization) => ({ value: organization.id, label: `${organization.name} — ${t(`kinds.${organization.kind}`)}` }))}
        />
        <div className="actions">
          <button type="submit" className="button">
            {t("labs.create")}
          </button>
          <Link to="/laboratori" className="button button-secondary">
            {t("forms.cancel")}
          </Link>
        </div>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
