import { getFormProps } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { LocationMap } from "~/components/location-map";
import { FormErrors, SelectField, TextField } from "~/components/ui/field";
import { addMembership, AlreadyMemberError, removeMembership } from "~/models/membership.server";
import { getOrganizationBySlug, listOrganizationPeople } from "~/models/organization.server";
import { listPeopleOutside } from "~/models/user.server";
import { canManageMemberships, canManageOrganizations, canViewOrganizationPeople } from "~/policies";
import { addMemberSchema, removeMemberSchema } from "~/schemas/network";
import { getOptionalUser, requireUser, toActor } from "~/services/auth.server";
import { flashToast } from "~/services/session.server";
import { notFound, requireAllowed } from "~/utils/http.server";
import { FIELD_VALIDATION } from "~/utils/form-validation";
import { useFormWithErrors } from "~/utils/use-form-with-errors";

export const meta: MetaFunction<typeof loader> = ({ data: loaderData }) => [
  { title: `${loaderData?.organization.name ?? "Organizzazione"} · TWB Community Labs` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = toActor(await getOptionalUser(request));
  const withPeople = canViewOrganizationPeople(actor);
  const organization = await getOrganizationBySlug(params.slug ?? "");
  if (!organization) notFound();
  const canManageMembers = canManageMemberships(actor);
  return {
    organization,
    people: withPeople ? await listOrganizationPeople(organization.id) : [],
    withPeople,
    canEdit: canManageOrganizations(actor),
    canManageMembers,
    candidates: canManageMembers ? await listPeopleOutside(organization.id) : [],
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  requireAllowed(canManageMemberships(toActor(user)));
  const organization = await getOrganizationBySlug(params.slug ?? "");
  if (!organization) notFound();
  const formData = await request.formData();

  if (formData.get("intent") === "remove-member") {
    const parsed = removeMemberSchema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) throw data({ message: "Invalid request" }, { status: 400 });
    await removeMembership(user.id, parsed.data.membershipId);
    return redirect(request.url, { headers: await flashToast(request, "organizations.memberRemoved") });
  }

  const submission = parseWithZod(formData, { schema: addMemberSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  try {
    await addMembership(user.id, { ...submission.value, organizationId: organization.id });
  } catch (error) {
    if (error instanceof AlreadyMemberError) {
      return data({ result: submission.reply({ fieldErrors: { userId: ["organizations.alreadyMember"] } }) }, { status: 409 });
    }
    throw error;
  }
  return redirect(request.url, { headers: await flashToast(request, "organizations.memberAdded") });
}

export default function OrganizationPage() {
  const { t } = useTranslation();
  const { organization, people, withPeople, canEdit, canManageMembers, candidates } = useLoaderData<typeof loader>();
  const latitude = organization.latitude ?? organization.comune?.latitude;
  const longitude = organization.longitude ?? organization.comune?.longitude;

  return (
    <article className="page" aria-labelledby="org-title">
      <p className="breadcrumb">
        <Link to="/organizzazioni">{t("nav.organizations")}</Link>
      </p>
      <div className="page-heading">
        <h1 id="org-title">{organization.name}</h1>
        {canEdit ? (
          <Link to={`/organizzazioni/${organization.slug}/modifica`} className="button button-secondary">
            {t("organizations.edit")}
          </Link>
        ) : null}
      </div>
      <p className="tags">
        <span className="tag">{t(`kinds.${organization.kind}`)}</span>
        {organization.isLead ? <span className="tag tag-accent">{t("organizations.lead")}</span> : null}
      </p>
      {organization.description ? <p className="lead">{organization.description}</p> : null}

      <div className="two-columns">
        <section aria-labelledby="contacts-title">
          <h2 id="contacts-title">{t("organizations.contacts")}</h2>
          <dl className="details">
            {organization.address || organization.comune ? (
              <>
                <dt>{t("organizations.address")}</dt>
                <dd>{[organization.address, organization.comune?.name].filter(Boolean).join(", ")}</dd>
              </>
            ) : null}
            {organization.email ? (
              <>
                <dt>{t("organizations.email")}</dt>
                <dd>
                  <a href={`mailto:${organization.email}`}>{organization.email}</a>
                </dd>
              </>
            ) : null}
            {organization.phone ? (
              <>
                <dt>{t("organizations.phone")}</dt>
                <dd>
                  <a href={`tel:${organization.phone.replace(/[^+0-9]/g, "")}`}>{organization.phone}</a>
                </dd>
              </>
            ) : null}
            {organization.website ? (
              <>
                <dt>{t("organizations.website")}</dt>
                <dd>
                  <a href={organization.website} rel="noopener noreferrer">
                    {organization.website}
                  </a>
                </dd>
              </>
            ) : null}
          </dl>
        </section>
        <section aria-labelledby="location-title">
          <h2 id="location-title">{t("organizations.location")}</h2>
          {latitude != null && longitude != null ? (
            <LocationMap latitude={latitude} longitude={longitude} label={organization.name} />
          ) : (
            <p className="muted">{t("organizations.noLocation")}</p>
          )}
        </section>
      </div>

      <section aria-labelledby="people-title">
        <h2 id="people-title">{t("organizations.people")}</h2>
        {!withPeople ? (
          <p className="muted">
            <Link to={`/login?redirectTo=/organizzazioni/${organization.slug}`}>{t("organizations.peopleLoginHint")}</Link>
          </p>
        ) : people.length === 0 ? (
          <p className="muted">{t("organizations.noPeople")}</p>
        ) : (
          <ul className="people-list">
            {people.map((membership) => (
              <li key={membership.id}>
                <Link to={`/persone/${membership.user.id}`}>{membership.user.name}</Link>
                {membership.title ? <span className="muted"> · {membership.title}</span> : null}
                <span className="tag">{t(`roles.${membership.user.role}`)}</span>
                {canManageMembers ? (
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="intent" value="remove-member" />
                    <input type="hidden" name="membershipId" value={membership.id} />
                    <button
                      type="submit"
                      className="link-button danger"
                      aria-label={t("organizations.removeConfirm", { name: membership.user.name, organization: organization.name })}
                    >
                      {t("organizations.remove")}
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        {canManageMembers ? <AddMemberForm candidates={candidates} /> : null}
      </section>
    </article>
  );
}

function AddMemberForm({ candidates }: { candidates: { id: string; name: string; email: string }[] }) {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useFormWithErrors({
    id: "add-member",
    lastResult: actionData?.result,
    constraint: getZodConstraint(addMemberSchema),
    ...FIELD_VALIDATION,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: addMemberSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)} className="stack boxed">
      <h3>{t("organizations.addMember")}</h3>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="add-member" />
      <SelectField
        field={fields.userId}
        label={t("organizations.person")}
        placeholder=""
        options={candidates.map((person) => ({ value: person.id, label: `${person.name} (${person.email})` }))}
      />
      <TextField field={fields.title} label={t("organizations.memberTitle")} optional />
      <button type="submit" className="button">
        {t("organizations.add")}
      </button>
    </Form>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
