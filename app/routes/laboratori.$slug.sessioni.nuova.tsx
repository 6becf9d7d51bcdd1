import { getFieldsetProps, getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors, SelectField, TextareaField, TextField } from "~/components/ui/field";
import { AgendaProposalError, scheduleLabSession, SessionInPastError } from "~/models/lab-session.server";
import { getLabBySlug, getLabMembership } from "~/models/lab.server";
import { listOrganizationOptions } from "~/models/organization.server";
import { listLabProposals } from "~/models/proposal.server";
import { canScheduleSession } from "~/policies";
import { AGENDA_MAX_ITEMS, sessionSchema } from "~/schemas/session";
import { requireUser, toActor } from "~/services/auth.server";
import { flashToast } from "~/services/session.server";
import { FIELD_VALIDATION } from "~/utils/form-validation";
import { notFound, requireAllowed } from "~/utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ data: loaderData }) => [{ title: `${loaderData?.lab.title ?? ""} · Nuova sessione · TWB Community Labs` }];

async function requireScheduler(request: Request, slug: string | undefined) {
  const user = await requireUser(request);
  const lab = await getLabBySlug(slug ?? "");
  if (!lab) notFound();
  requireAllowed(canScheduleSession(toActor(user), await getLabMembership(lab.id, user.id), lab));
  return { user, lab };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { lab } = await requireScheduler(request, params.slug);
  const [organizations, proposals] = await Promise.all([listOrganizationOptions(), listLabProposals(lab.id)]);
  // The lab's own organizations first: sessions are usually hosted by one of them.
  const own = new Set(lab.organizations.map((entry) => entry.organizationId));
  organizations.sort((a, b) => Number(own.has(b.id)) - Number(own.has(a.id)));
  return { lab: { slug: lab.slug, title: lab.title }, organizations, proposals: proposals.map(({ id, title }) => ({ id, title })) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, lab } = await requireScheduler(request, params.slug);
  const submission = parseWithZod(await request.formData(), { schema: sessionSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  try {
    const session = await scheduleLabSession(user.id, lab, submission.value);
    return redirect(`/laboratori/${lab.slug}/sessioni/${session.id}`, { headers: await flashToast(request, "sessions.scheduled") });
  } catch (error) {
    if (error instanceof SessionInPastError) return data({ result: submission.reply({ fieldErrors: { date: ["sessions.inPast"] } }) }, { status: 400 });
    if (error instanceof AgendaProposalError) return data({ result: submission.reply({ formErrors: ["sessions.foreignProposal"] }) }, { status: 400 });
    throw error;
  }
}

export default function NewSessionPage() {
  const { t } = useTranslation();
  const { lab, organizations, proposals } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "session",
    lastResult: actionData?.result,
    constraint: getZodConstraint(sessionSchema),
    defaultValue: { durationMinutes: "120", time: "17:30", agenda: [{ title: "", minutes: "30" }] },
    ...FIELD_VALIDATION,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: sessionSchema }),
  });
  const agenda = fields.agenda.getFieldList();
  return (
    <section className="page narrow" aria-labelledby="new-session-title">
      <p>
        <Link to={`/laboratori/${lab.slug}`}>← {t("sessions.backToLab")}</Link>
      </p>
      <h1 id="new-session-title">{t("sessions.scheduleTitle", { lab: lab.title })}</h1>
      <Form method="post" {...getFormProps(form)} className="stack">
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextField field={fields.title} label={t("sessions.titleField")} />
        <TextareaField field={fields.goal} label={t("sessions.goal")} help={t("sessions.goalHelp")} rows={3} />
        <div className="field-row">
          <TextField field={fields.date} type="date" label={t("sessions.date")} />
          <TextField field={fields.time} type="time" label={t("sessions.time")} help={t("sessions.timeHelp")} />
          <TextField field={fields.durationMinutes} type="number" inputMode="numeric" step="5" label={t("sessions.duration")} />
        </div>

        <fieldset className="stack boxed">
          <legend>{t("sessions.where")}</legend>
          <p className="field-help">{t("sessions.whereHelp")}</p>
          <SelectField
            field={fields.placeOrganizationId}
            label={t("sessions.place")}
            placeholder={t("sessions.placeNone")}
            options={organizations.map((organization) => ({ value: organization.id, label: organization.name }))}
          />
          <TextField field={fields.placeDetails} label={t("sessions.placeDetails")} optional />
          <TextField field={fields.videoUrl} type="url" label={t("sessions.videoUrl")} help={t("sessions.videoUrlHelp")} optional />
        </fieldset>

        <fieldset className="stack boxed" {...getFieldsetProps(fields.agenda)}>
          <legend>{t("sessions.agenda")}</legend>
          <p className="field-help">{t("sessions.agendaHelp")}</p>
          <FormErrors id={fields.agenda.errorId} errors={fields.agenda.errors} />
          <ol className="agenda-editor">
            {agenda.map((item, index) => {
              const parts = item.getFieldset();
              return (
                <li key={item.key} className="stack">
                  <h3 className="small-heading">{t("sessions.agendaItem", { number: index + 1 })}</h3>
                  <TextField field={parts.title} label={t("sessions.agendaItemTitle", { number: index + 1 })} />
                  <div className="field-row">
                    <TextField field={parts.minutes} type="number" inputMode="numeric" label={t("sessions.agendaItemMinutes", { number: index + 1 })} />
                    <SelectField
                      field={parts.proposalId}
                      label={t("sessions.agendaItemProposal", { number: index + 1 })}
                      optional
                      placeholder={t("sessions.agendaItemNoProposal")}
                      options={proposals.map((proposal) => ({ value: proposal.id, label: proposal.title }))}
                    />
                  </div>
                  {agenda.length > 1 ? (
                    <button {...form.remove.getButtonProps({ name: fields.agenda.name, index })} className="link-button danger">
                      {t("sessions.removeAgendaItem", { number: index + 1 })}
                    </button>
                  ) : null}
                </li>
              );
            })}
          </ol>
          {agenda.length < AGENDA_MAX_ITEMS ? (
            <button {...form.insert.getButtonProps({ name: fields.agenda.name, defaultValue: { title: "", minutes: "15" } })} className="button button-secondary">
              {t("sessions.addAgendaItem")}
            </button>
          ) : null}
        </fieldset>

        <div className="actions">
          <button type="submit" className="button">
            {t("sessions.create")}
          </button>
          <Link to={`/laboratori/${lab.slug}`} className="button button-secondary">
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
