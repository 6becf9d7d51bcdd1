import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CheckboxField, FormErrors, SelectField, TextareaField, TextField } from "~/components/ui/field";
import { ORGANIZATION_KIND_VALUES, organizationSchema } from "~/schemas/network";
import { FIELD_VALIDATION } from "~/utils/form-validation";
import { useFormWithErrors } from "~/utils/use-form-with-errors";

type OrganizationValues = {
  name: string;
  kind: string;
  isLead: boolean;
  description: string | null;
  email: string | null;
  phone: string | null;
  website: string | null;
  address: string | null;
  comuneId: string | null;
  latitude: number | null;
  longitude: number | null;
};

/** The create/edit form of an organization; the server validates with the same schema. */
export function OrganizationForm({
  defaultValue,
  comuni,
  lastResult,
  cancelTo,
}: {
  defaultValue?: OrganizationValues;
  comuni: { id: string; name: string }[];
  lastResult?: SubmissionResult<string[]>;
  cancelTo: string;
}) {
  const { t } = useTranslation();
  const [form, fields] = useFormWithErrors({
    id: "organization",
    lastResult,
    defaultValue: defaultValue
      ? Object.fromEntries(Object.entries(defaultValue).map(([key, value]) => [key, value ?? undefined]))
      : { kind: "COOPERATIVA_SOCIALE" },
    constraint: getZodConstraint(organizationSchema),
    ...FIELD_VALIDATION,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: organizationSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)} className="stack">
      <FormErrors id={form.errorId} errors={form.errors} />
      <TextField field={fields.name} label={t("organizations.name")} />
      <SelectField
        field={fields.kind}
        label={t("organizations.kind")}
        options={ORGANIZATION_KIND_VALUES.map((kind) => ({ value: kind, label: t(`kinds.${kind}`) }))}
      />
      <CheckboxField field={fields.isLead} label={t("organizations.isLead")} />
      <TextareaField field={fields.description} label={t("organizations.description")} optional />
      <TextField field={fields.email} label={t("organizations.email")} type="email" optional />
      <TextField field={fields.phone} label={t("organizations.phone")} type="tel" optional />
      <TextField field={fields.website} label={t("organizations.website")} type="url" optional />
      <TextField field={fields.address} label={t("organizations.address")} optional />
      <SelectField
        field={fields.comuneId}
        label={t("organizations.comune")}
        optional
        placeholder={t("organizations.noComune")}
        options={comuni.map((comune) => ({ value: comune.id, label: comune.name }))}
      />
      <fieldset className="field-row">
        <legend>{t("organizations.location")}</legend>
        <p className="field-help">{t("organizations.coordinatesHelp")}</p>
        <TextField field={fields.latitude} label={t("organizations.latitude")} type="text" inputMode="decimal" optional />
        <TextField field={fields.longitude} label={t("organizations.longitude")} type="text" inputMode="decimal" optional />
      </fieldset>
      <div className="actions">
        <button type="submit" className="button">
          {t("organizations.save")}
        </button>
        <Link to={cancelTo} className="button button-secondary">
          {t("forms.cancel")}
        </Link>
      </div>
    </Form>
  );
}
