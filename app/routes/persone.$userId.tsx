import { getFormProps } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors, SelectField } from "~/components/ui/field";
import { changeRole, getPerson, LastAdminError } from "~/models/user.server";
import { canChangeRole, canViewPeople } from "~/policies";
import { PLATFORM_ROLE_VALUES } from "~/schemas/common";
import { roleChangeSchema } from "~/schemas/network";
import { requireUser, toActor } from "~/services/auth.server";
import { flashToast } from "~/services/session.server";
import { formatDate } from "~/utils/dates";
import { notFound, requireAllowed } from "~/utils/http.server";
import { useFormWithErrors } from "~/utils/use-form-with-errors";

export const meta: MetaFunction<typeof loader> = ({ data: loaderData }) => [
  { title: `${loaderData?.person.name ?? "Persona"} · TWB Community Labs` },
];

const userIdParam = z.string().uuid();

async function loadPerson(userId: string | undefined) {
  const id = userIdParam.safeParse(userId);
  const person = id.success ? await getPerson(id.data) : null;
  if (!person || person.deactivatedAt) notFound();
  return person;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = toActor(await requireUser(request));
  requireAllowed(canViewPeople(actor));
  const person = await loadPerson(params.userId);
  return { person, canChangeRole: canChangeRole(actor, person) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const person = await loadPerson(params.userId);
  requireAllowed(canChangeRole(toActor(user), person));
  const submission = parseWithZod(await request.formData(), { schema: roleChangeSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  try {
    await changeRole(user.id, person.id, submission.value.role);
  } catch (error) {
    if (!(error instanceof LastAdminError)) throw error;
    return data({ result: submission.reply({ formErrors: ["people.lastAdmin"] }) }, { status: 409 });
  }
  return redirect(`/persone/${person.id}`, { headers: await flashToast(request, "people.roleChanged") });
}

export default function PersonPage() {
  const { t, i18n } = useTranslation();
  const { person, canChangeRole: mayChangeRole } = useLoaderData<typeof loader>();
  return (
    <article className="page" aria-labelledby="person-title">
      <p className="breadcrumb">
        <Link to="/persone">{t("nav.people")}</Link>
      </p>
      <h1 id="person-title">{person.name}</h1>
      <p className="tags">
        <span className="tag" data-testid="person-role">
          {t(`roles.${person.role}`)}
        </span>
      </p>
      {person.bio ? <p className="lead">{person.bio}</p> : null}
      <dl className="details">
        <dt>{t("profile.email")}</dt>
        <dd>
          <a href={`mailto:${person.email}`}>{person.email}</a>
        </dd>
        {person.phone ? (
          <>
            <dt>{t("profile.phone")}</dt>
            <dd>{person.phone}</dd>
          </>
        ) : null}
        <dt>{t("people.languages")}</dt>
        <dd>{person.languages.map((code) => t(`languages.${code}`, { defaultValue: code })).join(", ") || t("common.none")}</dd>
        <dt>{t("people.organizations")}</dt>
        <dd>
          {person.memberships.length ? (
            <ul className="plain-list">
              {person.memberships.map((membership) => (
                <li key={membership.id}>
                  <Link to={`/organizzazioni/${membership.organization.slug}`}>{membership.organization.name}</Link>
                  {membership.title ? <span className="muted"> · {membership.title}</span> : null}
                </li>
              ))}
            </ul>
          ) : (
            t("common.none")
          )}
        </dd>
        <dt>{t("people.memberSince")}</dt>
        <dd>{formatDate(person.createdAt, i18n.language)}</dd>
      </dl>
      {mayChangeRole ? <RoleForm currentRole={person.role} /> : null}
    </article>
  );
}

function RoleForm({ currentRole }: { currentRole: string }) {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useFormWithErrors({
    id: "role",
    lastResult: actionData?.result,
    defaultValue: { role: currentRole },
    constraint: getZodConstraint(roleChangeSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: roleChangeSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)} className="stack boxed">
      <h2>{t("people.changeRole")}</h2>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="change-role" />
      <SelectField
        field={fields.role}
        label={t("people.newRole")}
        options={PLATFORM_ROLE_VALUES.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
      />
      <button type="submit" className="button">
        {t("people.saveRole")}
      </button>
    </Form>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
