import { getFormProps, getInputProps } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors, TextField } from "~/components/ui/field";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { loginFormSchema } from "~/schemas/account";
import { authenticateWithForm, createUserSession, getOptionalUser, LoginError } from "~/services/auth.server";
import { messageKey } from "~/utils/messages";
import { safeRedirectPath } from "~/utils/http.server";
import { FIELD_VALIDATION } from "~/utils/form-validation";
import { useFormWithErrors } from "~/utils/use-form-with-errors";

export const meta: MetaFunction = () => [{ title: "Accedi · TWB Community Labs" }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getOptionalUser(request)) throw redirect(safeRedirectPath(new URL(request.url).searchParams.get("redirectTo")));
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.clone().formData(), { schema: loginFormSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields: ["password"] }) }, { status: 400 });
  }
  try {
    const user = await authenticateWithForm(request, context.clientAddress ?? "unknown");
    return await createUserSession(request, user, safeRedirectPath(submission.value.redirectTo));
  } catch (error) {
    if (!(error instanceof LoginError)) throw error;
    const message =
      error.reason === "rate_limited"
        ? messageKey("login.tooMany", { minutes: Math.max(1, Math.ceil(error.retryAfterSeconds / 60)) })
        : "login.invalid";
    return data(
      { result: submission.reply({ formErrors: [message], hideFields: ["password"] }) },
      { status: error.reason === "rate_limited" ? 429 : 401 },
    );
  }
}

export default function LoginPage() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const [form, fields] = useFormWithErrors({
    id: "login",
    lastResult: actionData?.result,
    constraint: getZodConstraint(loginFormSchema),
    ...FIELD_VALIDATION,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: loginFormSchema }),
  });

  return (
    <section className="page narrow" aria-labelledby="login-title">
      <h1 id="login-title">{t("login.title")}</h1>
      <p>{t("login.intro")}</p>
      <Form method="post" {...getFormProps(form)} className="stack">
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextField field={fields.email} label={t("login.email")} type="email" autoComplete="username" />
        <TextField field={fields.password} label={t("login.password")} type="password" autoComplete="current-password" />
        <input {...getInputProps(fields.redirectTo, { type: "hidden" })} defaultValue={searchParams.get("redirectTo") ?? "/"} key={fields.redirectTo.key} />
        <button type="submit" className="button" disabled={navigation.state === "submitting"}>
          {t("login.submit")}
        </button>
      </Form>
      <p className="muted">{t("login.noAccount")}</p>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
