import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** A GET form of list filters: the URL keeps the filters, so results can be shared and bookmarked. */
export function FilterForm({ children }: { children: React.ReactNode }) {
  const { t } = useTranslation();
  return (
    <Form method="get" className="filters" role="search" aria-label={t("organizations.filter")}>
      {children}
      <button type="submit" className="button">
        {t("organizations.filter")}
      </button>
    </Form>
  );
}

/** A labelled free-text filter. */
export function FilterSearch({ name, label, defaultValue }: { name: string; label: string; defaultValue?: string }) {
  return (
    <div className="field">
      <label htmlFor={`filter-${name}`}>{label}</label>
      <input id={`filter-${name}`} name={name} type="search" defaultValue={defaultValue ?? ""} />
    </div>
  );
}

/** A labelled select filter whose first option ("all …") clears it. */
export function FilterSelect({
  name,
  label,
  allLabel,
  defaultValue,
  options,
}: {
  name: string;
  label: string;
  allLabel: string;
  defaultValue?: string;
  options: { value: string; label: string }[];
}) {
  return (
    <div className="field">
      <label htmlFor={`filter-${name}`}>{label}</label>
      <select id={`filter-${name}`} name={name} defaultValue={defaultValue ?? ""}>
        <option value="">{allLabel}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
