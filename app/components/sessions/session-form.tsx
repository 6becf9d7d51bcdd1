import { getFieldsetProps, getFormProps, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors, SelectField, TextareaField, TextField } from "~/components/ui/field";
import { AGENDA_MAX_ITEMS, sessionSchema } from "~/schemas/session";
import { FIELD_VALIDATION } from "~/utils/form-validation";
import { useFormWithErrors } from "~/utils/use-form-with-errors";

type Option = { id: string; title?: string; name?: string };
type AgendaDefault = { title: string; minutes: string; proposalId?: string };
export type SessionFormDefaults = {
  title?: string;
  goal?: string;
  date?: string;
  time?: string;
  durationMinutes?: string;
  placeOrganizationId?: string;
  placeDetails?: string;
  videoUrl?: string;
  agenda: AgendaDefault[];
};

/** The session form (schedule and edit): what, when, where, and the agenda with timeboxes. */
export function SessionForm({
  lastResult,
  defaultValue,
  organizations,
  proposals,
  submitLabel,
  cancelTo,
}: {
  lastResult?: SubmissionResult<string[]>;
  defaultValue: SessionFormDefaults;
  organizations: { id: string; name: string }[];
  proposals: { id: string; title: string }[];
  submitLabel: string;
  cancelTo: string;
}) {
  const { t } = useTranslation();
  const [form, fields] = useFormWithErrors({
    id: "session",
    lastResult,
    constraint: getZodConstraint(sessionSchema),
    defaultValue,
    ...FIELD_VALIDATION,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: sessionSchema }),
  });
  const agenda = fields.agenda.getFieldList();
  const choices = (options: Option[]) => options.map((option) => ({ value: option.id, label: option.title ?? option.name ?? "" }));
  return (
    <Form method="post" {...getFormProps(form)} className="stack">
      <input type="hidden" name="intent" value="save" />
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
        <SelectField field={fields.placeOrganizationId} label={t("sessions.place")} placeholder={t("sessions.placeNone")} options={choices(organizations)} />
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
                    options={choices(proposals)}
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
          {submitLabel}
        </button>
        <Link to={cancelTo} className="button button-secondary">
          {t("forms.cancel")}
        </Link>
      </div>
    </Form>
  );
}
