import { getFormProps } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors, TextField } from "~/components/ui/field";
import { changePassword } from "~/models/user.server";
import { passwordChangeSchema } from "~/schemas/account";
import { refreshSessionVersion, requireUser } from "~/services/auth.server";
import { FIELD_VALIDATION } from "~/utils/form-validation";
import { useFormWithErrors } from "~/utils/use-form-with-errors";

export const meta: MetaFunction = () => [{ title: "Cambia password · TWB Community Labs" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await request.formData(), { schema: passwordChangeSchema });
  const hidden = ["currentPassword", "password", "confirmPassword"];
  if (submission.status !== "success") return data({ result: submission.reply({ hideFields: hidden }) }, { status: 400 });
  const version = await changePassword(user.id, submission.value.currentPassword, submission.value.password);
  if (version === null) {
    return data(
      { result: submission.reply({ fieldErrors: { currentPassword: ["password.wrongCurrent"] }, hideFields: hidden }) },
      { status: 400 },
    );
  }
  return redirect("/profilo", { headers: await refreshSessionVersion(request, version, "password.changed") });
}

export default function PasswordPage() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useFormWithErrors({
    id: "password",
    lastResult: actionData?.result,
    constraint: getZodConstraint(passwordChangeSchema),
    ...FIELD_VALIDATION,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: passwordChangeSchema }),
  });
  return (
    <section className="page narrow" aria-labelledby="password-title">
      <h1 id="password-title">{t("password.title")}</h1>
      <Form method="post" {...getFormProps(form)} className="stack">
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextField field={fields.currentPassword} label={t("password.current")} type="password" autoComplete="current-password" />
        <TextField field={fields.password} label={t("password.new")} help={t("password.help")} type="password" autoComplete="new-password" />
        <TextField field={fields.confirmPassword} label={t("password.confirm")} type="password" autoComplete="new-password" />
        <button type="submit" className="button">
          {t("password.submit")}
        </button>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
