import { getFormProps } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { CheckboxGroup, FormErrors, SelectField, TextareaField, TextField } from "~/components/ui/field";
import { getPerson, updateProfile } from "~/models/user.server";
import { canEditProfile } from "~/policies";
import { profileSchema } from "~/schemas/account";
import { SPOKEN_LANGUAGES } from "~/schemas/common";
import { requireUser, toActor } from "~/services/auth.server";
import { localeCookie } from "~/services/locale.server";
import { flashToast } from "~/services/session.server";
import { notFound, requireAllowed } from "~/utils/http.server";
import { FIELD_VALIDATION } from "~/utils/form-validation";
import { useFormWithErrors } from "~/utils/use-form-with-errors";

export const meta: MetaFunction = () => [{ title: "Profilo · TWB Community Labs" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const person = await getPerson(user.id);
  if (!person) notFound();
  return { person };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  requireAllowed(canEditProfile(toActor(user), user));
  const submission = parseWithZod(await request.formData(), { schema: profileSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  await updateProfile(user.id, submission.value);
  const headers = new Headers(await flashToast(request, "profile.saved"));
  // The interface follows the language just chosen in the profile.
  headers.append("Set-Cookie", await localeCookie.serialize(submission.value.locale));
  return redirect("/profilo", { headers });
}

export default function ProfilePage() {
  const { t } = useTranslation();
  const { person } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useFormWithErrors({
    id: "profile",
    lastResult: actionData?.result,
    defaultValue: { name: person.name, phone: person.phone ?? "", bio: person.bio ?? "", languages: person.languages, locale: person.locale },
    constraint: getZodConstraint(profileSchema),
    ...FIELD_VALIDATION,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: profileSchema }),
  });

  return (
    <section className="page narrow" aria-labelledby="profile-title">
      <h1 id="profile-title">{t("profile.title")}</h1>
      <dl className="details">
        <dt>{t("profile.email")}</dt>
        <dd>{person.email}</dd>
        <dt>{t("profile.role")}</dt>
        <dd>{t(`roles.${person.role}`)}</dd>
        <dt>{t("profile.organizations")}</dt>
        <dd>
          {person.memberships.length
            ? person.memberships.map((membership, index) => (
                <span key={membership.id}>
                  {index > 0 ? " · " : null}
                  <Link to={`/organizzazioni/${membership.organization.slug}`}>{membership.organization.name}</Link>
                </span>
              ))
            : t("common.none")}
        </dd>
      </dl>
      <Form method="post" {...getFormProps(form)} className="stack">
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextField field={fields.name} label={t("profile.name")} autoComplete="name" />
        <TextField field={fields.phone} label={t("profile.phone")} type="tel" autoComplete="tel" optional />
        <TextareaField field={fields.bio} label={t("profile.bio")} help={t("profile.bioHelp")} optional />
        <CheckboxGroup
          field={fields.languages}
          label={t("profile.languages")}
          options={SPOKEN_LANGUAGES.map((code) => ({ value: code, label: t(`languages.${code}`) }))}
        />
        <SelectField
          field={fields.locale}
          label={t("profile.locale")}
          options={[
            { value: "it", label: "Italiano" },
            { value: "en", label: "English" },
          ]}
        />
        <div className="actions">
          <button type="submit" className="button">
            {t("profile.save")}
          </button>
          <Link to="/profilo/password" className="button button-secondary">
            {t("profile.changePassword")}
          </Link>
        </div>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
