import { getFieldsetProps, getFormProps, type FieldMetadata, type Submission, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, Link } from "@remix-run/react";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { CheckboxGroup, FormErrors, TextareaField, TextField } from "~/components/ui/field";
import { SPOKEN_LANGUAGES } from "~/schemas/common";
import { errorsFor, serviceFormErrorMap, serviceFormSchema, type ComuneCentre, type ServiceFormValues } from "~/schemas/service-form";
import { FIELD_VALIDATION } from "~/utils/form-validation";
import { translateMessage } from "~/utils/messages";
import { CostRows, ContactRows, ExceptionRows, LocationRows, WeeklyHoursRows } from "./service-form-rows";
import { useFormWithErrors } from "~/utils/use-form-with-errors";

export type ServiceFormOptions = {
  organizations: { id: string; name: string }[];
  comuni: ComuneCentre[];
  termGroups: { id: string; name: string; children: { id: string; name: string }[] }[];
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Field = FieldMetadata<any, any, string[]>;

/** Errors of a field that has no single input (a group of checkboxes, a list), next to it. */
export function GroupErrors({ id, errors }: { id: string; errors: string[] }) {
  const { t } = useTranslation();
  if (!errors.length) return null;
  return (
    <ul id={id} className="field-errors">
      {errors.map((error) => (
        <li key={error}>{translateMessage(t, error)}</li>
      ))}
    </ul>
  );
}

/**
 * The coordinators' service form (new, from a proposal, edit): one zod schema for the browser and
 * the server; rows of places, hours, exceptions, costs and contacts are conform field lists, so
 * adding and removing them works without JavaScript too (the server answers with one row more).
 */
export function ServiceForm({
  lastResult,
  defaultValue,
  options,
  submitLabel,
  cancelTo,
}: {
  lastResult?: SubmissionResult<string[]>;
  defaultValue: ServiceFormValues;
  options: ServiceFormOptions;
  submitLabel: string;
  cancelTo: string;
}) {
  const { t } = useTranslation();
  const schema = useMemo(() => serviceFormSchema(options.comuni), [options.comuni]);
  const constraint = useMemo(() => {
    const base = getZodConstraint(schema);
    // Filled from the comune when left empty: not required in the browser.
    for (const name of ["locations[].city", "locations[].latitude", "locations[].longitude"]) base[name] = { ...base[name], required: false };
    return base;
  }, [schema]);
  const [form, fields] = useFormWithErrors<ServiceFormValues>({
    id: "service",
    lastResult,
    defaultValue,
    constraint,
    ...FIELD_VALIDATION,
    onValidate: ({ formData }) => parseWithZod(formData, { schema, errorMap: serviceFormErrorMap }) as unknown as Submission<ServiceFormValues, string[]>,
  });
  const allErrors = form.allErrors;
  const organizationErrors = errorsFor(allErrors, "organizations").map((error) => error.message);
  const documentErrors = errorsFor(allErrors, "requiredDocuments").map((error) =>
    error.index === null ? error.message : t("catalogueAdmin.form.documentLine", { number: error.index + 1, message: translateMessage(t, error.message) }),
  );
  const termErrors = errorsFor(allErrors, "termIds").map((error) => error.message);
  const selectedOrganizations = asList(fields.organizationIds.initialValue);
  const lead = fields.leadOrganizationId.initialValue;
  const selectedTerms = new Set(asList(fields.termIds.initialValue));
  const hasErrors = Object.keys(allErrors).length > 0;

  return (
    <Form method="post" {...getFormProps(form)} className="stack service-form">
      <input type="hidden" name="intent" value="save" />
      {hasErrors && lastResult?.status === "error" ? (
        <p className="form-errors" role="alert">
          {t("catalogueAdmin.form.errorsSummary")}
        </p>
      ) : null}
      <FormErrors id={form.errorId} errors={form.errors} />

      <fieldset className="stack boxed">
        <legend>{t("catalogueAdmin.form.about")}</legend>
        <TextField field={fields.name} label={t("catalogueAdmin.form.name")} />
        <TextField field={fields.alternateName} label={t("catalogueAdmin.form.alternateName")} optional />
        <TextareaField field={fields.description} label={t("catalogueAdmin.form.description")} help={t("catalogueAdmin.form.descriptionHelp")} rows={6} />
        <div className="field-row">
          <TextField field={fields.url} type="url" label={t("catalogueAdmin.form.url")} optional />
          <TextField field={fields.email} type="email" label={t("catalogueAdmin.form.email")} optional />
        </div>
        <TextField field={fields.alert} label={t("catalogueAdmin.form.alert")} help={t("catalogueAdmin.form.alertHelp")} optional />
        <TextField field={fields.lastVerifiedAt} type="date" label={t("catalogueAdmin.form.lastVerifiedAt")} optional />
      </fieldset>

      <fieldset className="stack boxed" aria-describedby={organizationErrors.length ? "service-organizations-errors" : undefined}>
        <legend>{t("catalogueAdmin.form.organizations")}</legend>
        <p className="field-help">{t("catalogueAdmin.form.organizationsHelp")}</p>
        <GroupErrors id="service-organizations-errors" errors={organizationErrors} />
        <ul className="plain-list organization-picker" data-testid="service-organizations">
          {options.organizations.map((organization) => (
            <li key={organization.id} className="actions">
              <label className="checkbox">
                <input type="checkbox" name={fields.organizationIds.name} value={organization.id} defaultChecked={selectedOrganizations.includes(organization.id)} />
                {organization.name}
              </label>
              <label className="checkbox small">
                <input
                  type="radio"
                  name={fields.leadOrganizationId.name}
                  value={organization.id}
                  defaultChecked={lead === organization.id}
                  aria-label={t("catalogueAdmin.form.leadOf", { name: organization.name })}
                />
                {t("catalogueAdmin.form.lead")}
              </label>
            </li>
          ))}
        </ul>
      </fieldset>

      <fieldset className="stack boxed">
        <legend>{t("catalogueAdmin.form.whoFor")}</legend>
        <TextareaField field={fields.eligibilityDescription} label={t("catalogueAdmin.form.eligibility")} optional rows={3} />
        <div className="field-row">
          <TextField field={fields.minimumAge} type="number" inputMode="numeric" label={t("catalogueAdmin.form.minimumAge")} optional />
          <TextField field={fields.maximumAge} type="number" inputMode="numeric" label={t("catalogueAdmin.form.maximumAge")} optional />
        </div>
      </fieldset>

      <fieldset className="stack boxed" {...getFieldsetProps(fields.costs)}>
        <legend>{t("catalogueAdmin.form.costs")}</legend>
        <p className="field-help">{t("catalogueAdmin.form.costsHelp")}</p>
        <FormErrors id={fields.costs.errorId} errors={fields.costs.errors} />
        <CostRows form={form} field={fields.costs} />
        <TextareaField field={fields.feesDescription} label={t("catalogueAdmin.form.feesDescription")} optional rows={2} />
      </fieldset>

      <fieldset className="stack boxed">
        <legend>{t("catalogueAdmin.form.hours")}</legend>
        <WeeklyHoursRows form={form} field={fields.weeklyHours} />
        <ExceptionRows form={form} field={fields.exceptions} />
      </fieldset>

      <fieldset className="stack boxed" {...getFieldsetProps(fields.locations)}>
        <legend>{t("catalogueAdmin.form.locations")}</legend>
        <p className="field-help">{t("catalogueAdmin.form.locationsHelp")}</p>
        <LocationRows form={form} field={fields.locations} comuni={options.comuni} />
      </fieldset>

      <fieldset className="stack boxed" {...getFieldsetProps(fields.contacts)}>
        <legend>{t("catalogueAdmin.form.contacts")}</legend>
        <p className="field-help">{t("catalogueAdmin.form.contactsHelp")}</p>
        <ContactRows form={form} field={fields.contacts} />
      </fieldset>

      <fieldset className="stack boxed">
        <legend>{t("catalogueAdmin.form.access")}</legend>
        <CheckboxGroup
          field={fields.languages as Field}
          label={t("catalogueAdmin.form.languages")}
          options={SPOKEN_LANGUAGES.map((code) => ({ value: code, label: t(`languages.${code}`) }))}
        />
        <TextField field={fields.interpretationServices} label={t("catalogueAdmin.form.interpretation")} optional />
        <TextareaField field={fields.applicationProcess} label={t("catalogueAdmin.form.applicationProcess")} optional rows={3} />
        <div className="field">
          <label htmlFor={fields.requiredDocumentsText.id}>
            {t("catalogueAdmin.form.requiredDocuments")} <span className="optional">({t("forms.optional")})</span>
          </label>
          <p id={`${fields.requiredDocumentsText.id}-help`} className="field-help">
            {t("catalogueAdmin.form.requiredDocumentsHelp")}
          </p>
          <textarea
            id={fields.requiredDocumentsText.id}
            name={fields.requiredDocumentsText.name}
            key={fields.requiredDocumentsText.key}
            defaultValue={fields.requiredDocumentsText.initialValue}
            rows={4}
            aria-invalid={documentErrors.length ? true : undefined}
            aria-describedby={[`${fields.requiredDocumentsText.id}-help`, documentErrors.length ? "service-documents-errors" : null].filter(Boolean).join(" ")}
          />
          <GroupErrors id="service-documents-errors" errors={documentErrors} />
        </div>
        <TextareaField field={fields.accessibility} label={t("catalogueAdmin.form.accessibility")} optional rows={2} />
      </fieldset>

      <fieldset className="stack boxed" aria-describedby={termErrors.length ? "service-terms-errors" : "service-terms-help"}>
        <legend>{t("catalogueAdmin.form.categories")}</legend>
        <p id="service-terms-help" className="field-help">
          {t("catalogueAdmin.form.categoriesHelp")}
        </p>
        <GroupErrors id="service-terms-errors" errors={termErrors} />
        <div className="term-groups" data-testid="service-terms">
          {options.termGroups.map((group) => (
            <fieldset key={group.id} className="field checkbox-group">
              <legend>{group.name}</legend>
              {group.children.map((term) => (
                <label key={term.id} className="checkbox">
                  <input type="checkbox" name={fields.termIds.name} value={term.id} defaultChecked={selectedTerms.has(term.id)} />
                  {term.name}
                </label>
              ))}
            </fieldset>
          ))}
        </div>
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

function asList(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === "string");
  return typeof value === "string" && value ? [value] : [];
}
