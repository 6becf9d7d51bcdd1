import { getFormProps } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { CheckboxGroup, FormErrors, TextField } from "~/components/ui/field";
import {
  acceptInvitationAsNewUser,
  acceptInvitationAsUser,
  getUsableInvitation,
  InvitationEmailMismatchError,
  InvitationUnusableError,
} from "~/models/invitation.server";
import { emailIsTaken, getSessionUserById } from "~/models/user.server";
import { invitationAcceptSchema } from "~/schemas/account";
import { SPOKEN_LANGUAGES } from "~/schemas/common";
import { createUserSession, getOptionalUser } from "~/services/auth.server";
import { flashToast } from "~/services/session.server";
import { messageKey } from "~/utils/messages";
import { FIELD_VALIDATION } from "~/utils/form-validation";
import { useFormWithErrors } from "~/utils/use-form-with-errors";

export const meta: MetaFunction = () => [{ title: "Invito · TWB Community Labs" }, { name: "robots", content: "noindex" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const invitation = await getUsableInvitation(params.token ?? "");
  const user = await getOptionalUser(request);
  return {
    invitation: invitation ? { organization: invitation.organization.name, email: invitation.email } : null,
    user: user ? { name: user.name } : null,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const token = params.token ?? "";
  const user = await getOptionalUser(request);
  const formData = await request.formData();

  if (user) {
    try {
      const { organization } = await acceptInvitationAsUser(token, user);
      const toast = messageKey("invitation.joined", { organization: organization.name });
      return redirect(`/organizzazioni/${organization.slug}`, { headers: await flashToast(request, toast) });
    } catch (error) {
      if (error instanceof InvitationEmailMismatchError) return data({ result: null, error: "invitation.emailMismatch" }, { status: 403 });
      if (error instanceof InvitationUnusableError) return data({ result: null, error: "invitation.invalid" }, { status: 410 });
      throw error;
    }
  }

  const submission = parseWithZod(formData, { schema: invitationAcceptSchema });
  const hidden = ["password", "confirmPassword"];
  if (submission.status !== "success") return data({ result: submission.reply({ hideFields: hidden }), error: null }, { status: 400 });
  if (await emailIsTaken(submission.value.email)) {
    return data({ result: submission.reply({ fieldErrors: { email: ["invitation.emailTaken"] }, hideFields: hidden }), error: null }, { status: 409 });
  }
  try {
    const created = await acceptInvitationAsNewUser(token, submission.value);
    const sessionUser = await getSessionUserById(created.id);
    if (!sessionUser) throw new Error("account just created is missing");
    return createUserSession(request, sessionUser, "/");
  } catch (error) {
    if (error instanceof InvitationEmailMismatchError) {
      return data({ result: submission.reply({ fieldErrors: { email: ["invitation.emailMismatch"] }, hideFields: hidden }), error: null }, { status: 403 });
    }
    if (error instanceof InvitationUnusableError) return data({ result: null, error: "invitation.invalid" }, { status: 410 });
    throw error;
  }
}

export default function InvitationPage() {
  const { t } = useTranslation();
  const { invitation, user } = useLoaderData<typeof loader>();
  const { token } = useParams();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useFormWithErrors({
    id: "accept",
    lastResult: actionData?.result ?? undefined,
    defaultValue: { email: invitation?.email ?? "", languages: ["it"] },
    constraint: getZodConstraint(invitationAcceptSchema),
    ...FIELD_VALIDATION,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: invitationAcceptSchema }),
  });

  if (!invitation) {
    return (
      <section className="page narrow" aria-labelledby="invite-title">
        <h1 id="invite-title">{t("invitation.title")}</h1>
        <p className="notice" role="alert">
          {t("invitation.invalid")}
        </p>
        <Link to="/">{t("errors.goHome")}</Link>
      </section>
    );
  }

  return (
    <section className="page narrow" aria-labelledby="invite-title">
      <h1 id="invite-title">{t("invitation.acceptTitle", { organization: invitation.organization })}</h1>
      {actionData?.error ? (
        <p className="form-errors" role="alert">
          {t(actionData.error)}
        </p>
      ) : null}
      {user ? (
        <Form method="post" className="stack">
          <p>{t("invitation.acceptAsUser", { name: user.name, organization: invitation.organization })}</p>
          <button type="submit" className="button">
            {t("invitation.accept")}
          </button>
        </Form>
      ) : (
        <>
          <p>{t("invitation.acceptIntro", { organization: invitation.organization })}</p>
          <Form method="post" {...getFormProps(form)} className="stack">
            <h2>{t("invitation.createAccount")}</h2>
            <FormErrors id={form.errorId} errors={form.errors} />
            <TextField field={fields.name} label={t("profile.name")} autoComplete="name" />
            <TextField field={fields.email} label={t("profile.email")} type="email" autoComplete="email" />
            <TextField field={fields.password} label={t("password.new")} help={t("password.help")} type="password" autoComplete="new-password" />
            <TextField field={fields.confirmPassword} label={t("password.confirm")} type="password" autoComplete="new-password" />
            <CheckboxGroup
              field={fields.languages}
              label={t("profile.languages")}
              options={SPOKEN_LANGUAGES.map((code) => ({ value: code, label: t(`languages.${code}`) }))}
            />
            <button type="submit" className="button">
              {t("invitation.accept")}
            </button>
          </Form>
          <p className="muted">
            <Link to={`/login?${new URLSearchParams({ redirectTo: `/invito/${token}` })}`}>{t("invitation.haveAccount")}</Link>
          </p>
        </>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
