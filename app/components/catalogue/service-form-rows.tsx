import type { FieldMetadata, FormMetadata } from "@conform-to/react";
import { useTranslation } from "react-i18next";
import { FormErrors, SelectField, TextareaField, TextField } from "~/components/ui/field";
import { COST_KINDS } from "~/schemas/service";
import type { ComuneCentre, ServiceFormValues } from "~/schemas/service-form";

// The repeated rows of the service form. Each list is a conform field list: the add and remove
// buttons are submit buttons carrying an intent, handled in the browser and, without JavaScript,
// by the server (which answers with the list changed and everything else as typed).

type Form = FormMetadata<ServiceFormValues, string[]>;
type ListName = "costs" | "weeklyHours" | "exceptions" | "locations" | "contacts";
type ListField<K extends ListName> = FieldMetadata<ServiceFormValues[K], ServiceFormValues, string[]>;
type RowsProps<K extends ListName> = { form: Form; field: ListField<K> };

const WEEKDAYS = ["1", "2", "3", "4", "5", "6", "7"] as const;

function RowActions({ form, field, index, label }: { form: Form; field: ListField<ListName>; index: number; label: string }) {
  return (
    <button {...form.remove.getButtonProps({ name: field.name, index })} className="link-button danger">
      {label}
    </button>
  );
}

function AddButton({ form, field, label, defaultValue }: { form: Form; field: ListField<ListName>; label: string; defaultValue?: Record<string, string> }) {
  return (
    <div>
      <button {...form.insert.getButtonProps({ name: field.name, defaultValue: defaultValue as never })} className="button button-secondary">
        {label}
      </button>
    </div>
  );
}

/** Costs: free, fee or reduced fee with its conditions. */
export function CostRows({ form, field }: RowsProps<"costs">) {
  const { t } = useTranslation();
  const rows = field.getFieldList();
  return (
    <>
      {rows.length === 0 ? <p className="muted">{t("catalogueAdmin.form.noCosts")}</p> : null}
      <ol className="agenda-editor" data-testid="service-costs">
        {rows.map((row, index) => {
          const parts = row.getFieldset();
          const number = index + 1;
          return (
            <li key={row.key ?? index} className="stack">
              <h3 className="small-heading">{t("catalogueAdmin.form.cost", { number })}</h3>
              <div className="field-row">
                <SelectField
                  field={parts.kind}
                  label={t("catalogueAdmin.form.costKind", { number })}
                  options={COST_KINDS.map((kind) => ({ value: kind, label: t(`catalogueAdmin.form.costKinds.${kind}`) }))}
                />
                <TextField field={parts.amountEuro} inputMode="decimal" label={t("catalogueAdmin.form.amount", { number })} optional />
              </div>
              <TextField field={parts.amountDescription} label={t("catalogueAdmin.form.conditions", { number })} help={t("catalogueAdmin.form.conditionsHelp")} optional />
              <RowActions form={form} field={field as ListField<ListName>} index={index} label={t("catalogueAdmin.form.removeCost", { number })} />
            </li>
          );
        })}
      </ol>
      <AddButton form={form} field={field as ListField<ListName>} label={t("catalogueAdmin.form.addCost")} defaultValue={{ kind: "FREE" }} />
    </>
  );
}

/** Weekly opening hours, each optionally valid between two dates. */
export function WeeklyHoursRows({ form, field }: RowsProps<"weeklyHours">) {
  const { t } = useTranslation();
  const rows = field.getFieldList();
  return (
    <fieldset className="stack" id={field.id} aria-describedby={`${field.id}-help`}>
      <legend className="small-heading">{t("catalogueAdmin.form.weekly")}</legend>
      <p id={`${field.id}-help`} className="field-help">
        {t("catalogueAdmin.form.weeklyHelp")}
      </p>
      <FormErrors id={field.errorId} errors={field.errors} />
      {rows.length === 0 ? <p className="muted">{t("catalogueAdmin.form.noHours")}</p> : null}
      <ol className="agenda-editor" data-testid="service-hours">
        {rows.map((row, index) => {
          const parts = row.getFieldset();
          const number = index + 1;
          return (
            <li key={row.key ?? index} className="stack">
              <h3 className="small-heading">{t("catalogueAdmin.form.hoursRow", { number })}</h3>
              <SelectField
                field={parts.weekday}
                label={t("catalogueAdmin.form.weekday", { number })}
                options={WEEKDAYS.map((day) => ({ value: day, label: t(`catalogueAdmin.weekdays.${day}`) }))}
              />
              <div className="field-row">
                <TextField field={parts.opensAt} type="time" label={t("catalogueAdmin.form.opensAt", { number })} />
                <TextField field={parts.closesAt} type="time" label={t("catalogueAdmin.form.closesAt", { number })} />
                <TextField field={parts.validFrom} type="date" label={t("catalogueAdmin.form.validFrom", { number })} optional />
                <TextField field={parts.validTo} type="date" label={t("catalogueAdmin.form.validTo", { number })} optional />
              </div>
              <TextField field={parts.description} label={t("catalogueAdmin.form.hoursNote", { number })} optional />
              <RowActions form={form} field={field as ListField<ListName>} index={index} label={t("catalogueAdmin.form.removeHours", { number })} />
            </li>
          );
        })}
      </ol>
      <AddButton form={form} field={field as ListField<ListName>} label={t("catalogueAdmin.form.addHours")} defaultValue={{ weekday: "1", opensAt: "09:00", closesAt: "12:00" }} />
    </fieldset>
  );
}

/** Exceptions: a date closed all day (no times) or open at special hours. */
export function ExceptionRows({ form, field }: RowsProps<"exceptions">) {
  const { t } = useTranslation();
  const rows = field.getFieldList();
  return (
    <fieldset className="stack" id={field.id} aria-describedby={`${field.id}-help`}>
      <legend className="small-heading">{t("catalogueAdmin.form.exceptions")}</legend>
      <p id={`${field.id}-help`} className="field-help">
        {t("catalogueAdmin.form.exceptionsHelp")}
      </p>
      <FormErrors id={field.errorId} errors={field.errors} />
      {rows.length === 0 ? <p className="muted">{t("catalogueAdmin.form.noExceptions")}</p> : null}
      <ol className="agenda-editor" data-testid="service-exceptions">
        {rows.map((row, index) => {
          const parts = row.getFieldset();
          const number = index + 1;
          return (
            <li key={row.key ?? index} className="stack">
              <h3 className="small-heading">{t("catalogueAdmin.form.exception", { number })}</h3>
              <div className="field-row">
                <TextField field={parts.date} type="date" label={t("catalogueAdmin.form.exceptionDate", { number })} />
                <TextField field={parts.description} label={t("catalogueAdmin.form.exceptionNote", { number })} optional />
                <TextField field={parts.opensAt} type="time" label={t("catalogueAdmin.form.exceptionOpens", { number })} optional />
                <TextField field={parts.closesAt} type="time" label={t("catalogueAdmin.form.exceptionCloses", { number })} optional />
              </div>
              <RowActions form={form} field={field as ListField<ListName>} index={index} label={t("catalogueAdmin.form.removeException", { number })} />
            </li>
          );
        })}
      </ol>
      <AddButton form={form} field={field as ListField<ListName>} label={t("catalogueAdmin.form.addException")} />
    </fieldset>
  );
}

/** Places: address, comune (whose centre fills the coordinates), accessibility, transport. */
export function LocationRows({ form, field, comuni }: RowsProps<"locations"> & { comuni: ComuneCentre[] }) {
  const { t } = useTranslation();
  const rows = field.getFieldList();
  const byId = new Map(comuni.map((comune) => [comune.id, comune]));
  const comuneNames = new Set(comuni.map((comune) => comune.name));
  return (
    <>
      <FormErrors id={field.errorId} errors={field.errors} />
      {rows.length === 0 ? <p className="muted">{t("catalogueAdmin.form.noLocations")}</p> : null}
      <ol className="agenda-editor" data-testid="service-locations">
        {rows.map((row, index) => {
          const parts = row.getFieldset();
          const number = index + 1;
          // Picking a comune puts its centre in the coordinates (still editable) and its name in
          // an empty place name; without JavaScript the server does the same for empty fields.
          const pickComune = (event: React.FormEvent<HTMLDivElement>) => {
            const comune = byId.get((event.target as HTMLSelectElement).value);
            if (!comune) return;
            form.update({ name: parts.latitude.name, value: String(comune.latitude) });
            form.update({ name: parts.longitude.name, value: String(comune.longitude) });
            const city = typeof parts.city.value === "string" ? parts.city.value.trim() : "";
            if (!city || comuneNames.has(city)) form.update({ name: parts.city.name, value: comune.name });
          };
          return (
            <li key={row.key ?? index} className="stack">
              <h3 className="small-heading">{t("catalogueAdmin.form.location", { number })}</h3>
              <input type="hidden" name={parts.id.name} defaultValue={typeof parts.id.initialValue === "string" ? parts.id.initialValue : undefined} key={parts.id.key} />
              <TextField field={parts.name} label={t("catalogueAdmin.form.locationName", { number })} />
              <TextField field={parts.address} label={t("catalogueAdmin.form.address", { number })} autoComplete="off" />
              <div className="field-row">
                <div onChange={pickComune}>
                  <SelectField
                    field={parts.comuneId}
                    label={t("catalogueAdmin.form.comune", { number })}
                    optional
                    placeholder={t("catalogueAdmin.form.noComune")}
                    options={comuni.map((comune) => ({ value: comune.id, label: comune.name }))}
                  />
                </div>
                <TextField field={parts.postalCode} inputMode="numeric" label={t("catalogueAdmin.form.postalCode", { number })} optional />
                <TextField field={parts.city} label={t("catalogueAdmin.form.city", { number })} help={t("catalogueAdmin.form.cityHelp")} optional />
              </div>
              <div className="field-row">
                <TextField field={parts.latitude} inputMode="decimal" label={t("catalogueAdmin.form.latitude", { number })} />
                <TextField field={parts.longitude} inputMode="decimal" label={t("catalogueAdmin.form.longitude", { number })} />
              </div>
              <TextareaField field={parts.accessibility} label={t("catalogueAdmin.form.locationAccessibility", { number })} optional rows={2} />
              <TextareaField field={parts.transportation} label={t("catalogueAdmin.form.transportation", { number })} optional rows={2} />
              <RowActions form={form} field={field as ListField<ListName>} index={index} label={t("catalogueAdmin.form.removeLocation", { number })} />
            </li>
          );
        })}
      </ol>
      <AddButton form={form} field={field as ListField<ListName>} label={t("catalogueAdmin.form.addLocation")} />
    </>
  );
}

/** Contacts: a person or desk with at least a phone or an email. */
export function ContactRows({ form, field }: RowsProps<"contacts">) {
  const { t } = useTranslation();
  const rows = field.getFieldList();
  return (
    <>
      <FormErrors id={field.errorId} errors={field.errors} />
      {rows.length === 0 ? <p className="muted">{t("catalogueAdmin.form.noContacts")}</p> : null}
      <ol className="agenda-editor" data-testid="service-contacts">
        {rows.map((row, index) => {
          const parts = row.getFieldset();
          const number = index + 1;
          return (
            <li key={row.key ?? index} className="stack">
              <h3 className="small-heading">{t("catalogueAdmin.form.contact", { number })}</h3>
              <div className="field-row">
                <TextField field={parts.name} label={t("catalogueAdmin.form.contactName", { number })} optional />
                <TextField field={parts.title} label={t("catalogueAdmin.form.contactTitle", { number })} optional />
                <TextField field={parts.phone} type="tel" label={t("catalogueAdmin.form.contactPhone", { number })} optional />
                <TextField field={parts.email} type="email" label={t("catalogueAdmin.form.contactEmail", { number })} optional />
              </div>
              <RowActions form={form} field={field as ListField<ListName>} index={index} label={t("catalogueAdmin.form.removeContact", { number })} />
            </li>
          );
        })}
      </ol>
      <AddButton form={form} field={field as ListField<ListName>} label={t("catalogueAdmin.form.addContact")} />
    </>
  );
}
