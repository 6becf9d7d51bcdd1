import type { FieldMetadata } from "@conform-to/react";
import { getInputProps, getSelectProps, getTextareaProps } from "@conform-to/react";
import { useTranslation } from "react-i18next";
import { translateMessage } from "~/utils/messages";

// Fields of any form schema: the components only read names, ids, errors and initial values.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Field = FieldMetadata<any, any, string[]>;

type BaseProps = { label: string; help?: string; optional?: boolean };

/** A field's error messages (message keys or text), referenced by the field's aria-describedby. */
export function FieldErrors({ id, errors }: { id: string; errors?: string[] }) {
  const { t } = useTranslation();
  if (!errors?.length) return null;
  return (
    <ul id={id} className="field-errors">
      {errors.map((error) => (
        <li key={error}>{translateMessage(t, error)}</li>
      ))}
    </ul>
  );
}

function Label({ htmlFor, label, optional }: { htmlFor: string; label: string; optional?: boolean }) {
  const { t } = useTranslation();
  return (
    <label htmlFor={htmlFor}>
      {label}
      {optional ? <span className="optional"> ({t("forms.optional")})</span> : null}
    </label>
  );
}

function describedBy(field: Field, help?: string) {
  return [help ? `${field.id}-help` : null, field.errors?.length ? field.errorId : null].filter(Boolean).join(" ") || undefined;
}

/** A labelled input with help text and its errors next to it. */
export function TextField({
  field,
  label,
  help,
  optional,
  type = "text",
  autoComplete,
  ...rest
}: BaseProps & {
  field: Field;
  type?: "text" | "email" | "password" | "tel" | "url" | "number" | "search" | "date" | "time";
  autoComplete?: string;
  step?: string;
  inputMode?: React.HTMLAttributes<HTMLInputElement>["inputMode"];
}) {
  return (
    <div className="field">
      <Label htmlFor={field.id} label={label} optional={optional} />
      {help ? <p id={`${field.id}-help`} className="field-help">{help}</p> : null}
      <input
        {...getInputProps(field, { type, ariaAttributes: true })}
        key={field.key}
        autoComplete={autoComplete}
        aria-describedby={describedBy(field, help)}
        {...rest}
      />
      <FieldErrors id={field.errorId} errors={field.errors} />
    </div>
  );
}

/** A labelled multi-line text field. */
export function TextareaField({ field, label, help, optional, rows = 4 }: BaseProps & { field: Field; rows?: number }) {
  return (
    <div className="field">
      <Label htmlFor={field.id} label={label} optional={optional} />
      {help ? <p id={`${field.id}-help`} className="field-help">{help}</p> : null}
      <textarea {...getTextareaProps(field, { ariaAttributes: true })} key={field.key} rows={rows} aria-describedby={describedBy(field, help)} />
      <FieldErrors id={field.errorId} errors={field.errors} />
    </div>
  );
}

/** A labelled select with the given options. */
export function SelectField({
  field,
  label,
  help,
  optional,
  options,
  placeholder,
}: BaseProps & { field: Field; options: { value: string; label: string }[]; placeholder?: string }) {
  return (
    <div className="field">
      <Label htmlFor={field.id} label={label} optional={optional} />
      {help ? <p id={`${field.id}-help`} className="field-help">{help}</p> : null}
      <select {...getSelectProps(field, { ariaAttributes: true })} key={field.key} aria-describedby={describedBy(field, help)}>
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <FieldErrors id={field.errorId} errors={field.errors} />
    </div>
  );
}

/** A group of checkboxes for a multi-valued field. */
export function CheckboxGroup({ field, label, options }: { field: Field; label: string; options: { value: string; label: string }[] }) {
  const selected = new Set(Array.isArray(field.initialValue) ? field.initialValue : field.initialValue ? [field.initialValue] : []);
  return (
    <fieldset className="field checkbox-group" aria-describedby={field.errors?.length ? field.errorId : undefined}>
      <legend>{label}</legend>
      {options.map((option) => (
        <label key={option.value} className="checkbox">
          <input type="checkbox" name={field.name} value={option.value} defaultChecked={selected.has(option.value)} />
          {option.label}
        </label>
      ))}
      <FieldErrors id={field.errorId} errors={field.errors} />
    </fieldset>
  );
}

/** A single checkbox for a boolean field. */
export function CheckboxField({ field, label }: { field: Field; label: string }) {
  return (
    <div className="field">
      <label className="checkbox">
        <input {...getInputProps(field, { type: "checkbox", value: "on", ariaAttributes: true })} key={field.key} />
        {label}
      </label>
      <FieldErrors id={field.errorId} errors={field.errors} />
    </div>
  );
}

/** The form-level error (e.g. "wrong email or password"), announced to screen readers. */
export function FormErrors({ id, errors }: { id: string; errors?: string[] }) {
  const { t } = useTranslation();
  if (!errors?.length) return null;
  return (
    <div id={id} className="form-errors" role="alert">
      {errors.map((error) => (
        <p key={error}>{translateMessage(t, error)}</p>
      ))}
    </div>
  );
}
