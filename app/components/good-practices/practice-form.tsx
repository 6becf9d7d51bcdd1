import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CheckboxGroup, FormErrors, TextareaField, TextField } from "~/components/ui/field";
import { goodPracticeSchema } from "~/schemas/good-practice";
import { FIELD_VALIDATION } from "~/utils/form-validation";
import { useFormWithErrors } from "~/utils/use-form-with-errors";

/** What the edit form starts from. */
export type PracticeFormValues = {
  title: string;
  context: string;
  collaborationPattern: string;
  resources: string;
  outcomes: string;
  evidence: string;
  contactName: string;
  contactEmail: string | null;
  tags: string[];
  organizationIds: string[];
  serviceIds: string[];
};

/** The submit/edit form of a good practice; the server validates with the same schema. */
export function PracticeForm({
  defaultValue,
  organizations,
  services,
  lastResult,
  submitLabel,
  cancelTo,
}: {
  defaultValue?: PracticeFormValues;
  organizations: { id: string; name: string }[];
  services: { id: string; name: string }[];
  lastResult?: SubmissionResult<string[]>;
  submitLabel: string;
  cancelTo: string;
}) {
  const { t } = useTranslation();
  const [form, fields] = useFormWithErrors({
    id: "good-practice",
    lastResult,
    defaultValue: defaultValue ? { ...defaultValue, contactEmail: defaultValue.contactEmail ?? undefined, tags: defaultValue.tags.join(", ") } : undefined,
    constraint: getZodConstraint(goodPracticeSchema),
    ...FIELD_VALIDATION,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: goodPracticeSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)} className="stack">
      <FormErrors id={form.errorId} errors={form.errors} />
      <TextField field={fields.title} label={t("goodPractices.fields.title")} />
      <TextareaField field={fields.context} label={t("goodPractices.fields.context")} help={t("goodPractices.fields.contextHelp")} rows={5} />
      <TextareaField
        field={fields.collaborationPattern}
        label={t("goodPractices.fields.collaborationPattern")}
        help={t("goodPractices.fields.collaborationPatternHelp")}
        rows={5}
      />
      <TextareaField field={fields.resources} label={t("goodPractices.fields.resources")} help={t("goodPractices.fields.resourcesHelp")} rows={3} />
      <TextareaField field={fields.outcomes} label={t("goodPractices.fields.outcomes")} rows={4} />
      <TextareaField field={fields.evidence} label={t("goodPractices.fields.evidence")} help={t("goodPractices.fields.evidenceHelp")} rows={4} />
      <CheckboxGroup
        field={fields.organizationIds}
        label={t("goodPractices.fields.organizations")}
        options={organizations.map((organization) => ({ value: organization.id, label: organization.name }))}
      />
      {services.length ? (
        <CheckboxGroup
          field={fields.serviceIds}
          label={t("goodPractices.fields.services")}
          options={services.map((service) => ({ value: service.id, label: service.name }))}
        />
      ) : null}
      <TextField field={fields.tags} label={t("goodPractices.fields.tags")} help={t("goodPractices.fields.tagsHelp")} optional />
      <TextField field={fields.contactName} label={t("goodPractices.fields.contactName")} autoComplete="off" />
      <TextField field={fields.contactEmail} label={t("goodPractices.fields.contactEmail")} type="email" autoComplete="off" optional />
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
