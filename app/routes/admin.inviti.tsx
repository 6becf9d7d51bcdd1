import { getFormProps } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { TableRegion } from "~/components/ui/table-region";
import { FormErrors, SelectField, TextField } from "~/components/ui/field";
import { createInvitation, getInvitation, invitationStatus, listInvitations, revokeInvitation } from "~/models/invitation.server";
import { listOrganizationOptions } from "~/models/organization.server";
import { canCreateInvitation, canRevokeInvitation, grantableRoles } from "~/policies";
import { invitationCreateSchema, invitationRevokeSchema } from "~/schemas/network";
import { requireUser, toActor } from "~/services/auth.server";
import { flashToast } from "~/services/session.server";
import { formatDate } from "~/utils/dates";
import { notFound, requireAllowed } from "~/utils/http.server";
import { getEnv } from "~/env.server";
import { FIELD_VALIDATION } from "~/utils/form-validation";
import { useFormWithErrors } from "~/utils/use-form-with-errors";

export const meta: MetaFunction = () => [{ title: "Inviti · TWB Community Labs" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = toActor(await requireUser(request));
  requireAllowed(canCreateInvitation(actor));
  const [invitations, organizations] = await Promise.all([listInvitations(), listOrganizationOptions()]);
  const now = new Date();
  return {
    organizations,
    roles: grantableRoles(actor),
    invitations: invitations.map((invitation) => ({
      id: invitation.id,
      organization: invitation.organization.name,
      role: invitation.role,
      email: invitation.email,
      createdBy: invitation.createdBy.name,
      acceptedBy: invitation.acceptedBy?.name ?? null,
      expiresAt: invitation.expiresAt,
      status: invitationStatus(invitation, now),
      canRevoke: canRevokeInvitation(actor, invitation),
    })),
  };
}

/** The absolute link to send: APP_ORIGIN when configured, otherwise the address this page was reached at. */
function invitationLink(request: Request, token: string) {
  const origin = getEnv().APP_ORIGIN ?? new URL(request.url).origin;
  return `${origin}/invito/${token}`;
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const actor = toActor(user);
  const formData = await request.formData();

  if (formData.get("intent") === "revoke") {
    const parsed = invitationRevokeSchema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) throw data({ message: "Invalid request" }, { status: 400 });
    const invitation = await getInvitation(parsed.data.invitationId);
    if (!invitation) notFound();
    requireAllowed(canRevokeInvitation(actor, invitation) && invitationStatus(invitation) === "pending");
    await revokeInvitation(user.id, invitation.id);
    return redirect("/admin/inviti", { headers: await flashToast(request, "invitation.revokedDone") });
  }

  requireAllowed(canCreateInvitation(actor));
  const submission = parseWithZod(formData, { schema: invitationCreateSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), link: null }, { status: 400 });
  if (!canCreateInvitation(actor, submission.value)) {
    return data({ result: submission.reply({ fieldErrors: { role: ["forms.invalidChoice"] } }), link: null }, { status: 403 });
  }
  const { token } = await createInvitation(user.id, submission.value);
  return data({ result: submission.reply({ resetForm: true }), link: invitationLink(request, token) });
}

export default function InvitationsPage() {
  const { t, i18n } = useTranslation();
  const { organizations, roles, invitations } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useFormWithErrors({
    id: "invitation",
    lastResult: actionData?.result,
    defaultValue: { role: "MEMBER", validDays: "14" },
    constraint: getZodConstraint(invitationCreateSchema),
    ...FIELD_VALIDATION,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: invitationCreateSchema }),
  });

  return (
    <section className="page" aria-labelledby="invitations-title">
      <h1 id="invitations-title">{t("invitation.title")}</h1>
      <p className="lead">{t("invitation.intro")}</p>

      {actionData?.link ? (
        <div className="notice" role="status">
          <p>{t("invitation.created")}</p>
          <label htmlFor="invitation-link">{t("invitation.link")}</label>
          <input id="invitation-link" readOnly value={actionData.link} className="copy-field" onFocus={(event) => event.currentTarget.select()} />
        </div>
      ) : null}

      <Form method="post" {...getFormProps(form)} className="stack boxed">
        <h2>{t("invitation.create")}</h2>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="intent" value="create" />
        <SelectField
          field={fields.organizationId}
          label={t("invitation.organization")}
          placeholder=""
          options={organizations.map((organization) => ({ value: organization.id, label: organization.name }))}
        />
        <SelectField field={fields.role} label={t("invitation.role")} options={roles.map((role) => ({ value: role, label: t(`roles.${role}`) }))} />
        <TextField field={fields.email} label={t("invitation.email")} help={t("invitation.emailHelp")} type="email" optional />
        <TextField field={fields.validDays} label={t("invitation.validDays")} type="number" />
        <button type="submit" className="button">
          {t("invitation.create")}
        </button>
      </Form>

      <h2>{t("invitation.list")}</h2>
      {invitations.length === 0 ? (
        <p>{t("invitation.none")}</p>
      ) : (
        <TableRegion label={t("invitation.list")}>
            <thead>
              <tr>
                <th scope="col">{t("invitation.organization")}</th>
                <th scope="col">{t("invitation.role")}</th>
                <th scope="col">{t("profile.email")}</th>
                <th scope="col">{t("invitation.status")}</th>
                <th scope="col">{t("invitation.expires")}</th>
                <th scope="col">{t("invitation.createdBy")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("invitation.revoke")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {invitations.map((invitation) => (
                <tr key={invitation.id}>
                  <td>{invitation.organization}</td>
                  <td>{t(`roles.${invitation.role}`)}</td>
                  <td>{invitation.email ?? t("common.none")}</td>
                  <td>
                    {t(`invitation.${invitation.status}`)}
                    {invitation.acceptedBy ? ` · ${invitation.acceptedBy}` : null}
                  </td>
                  <td>{formatDate(invitation.expiresAt, i18n.language)}</td>
                  <td>{invitation.createdBy}</td>
                  <td>
                    {invitation.status === "pending" && invitation.canRevoke ? (
                      <Form method="post" className="inline-form">
                        <input type="hidden" name="intent" value="revoke" />
                        <input type="hidden" name="invitationId" value={invitation.id} />
                        <button type="submit" className="link-button danger">
                          {t("invitation.revoke")}
                        </button>
                      </Form>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
        </TableRegion>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
