// The service history (issue #5) stores each changed field's value before and after as JSON, in
// the shape of the service form's input. This turns one such value into readable lines (a list
// becomes one line per item), naming organizations, categories and comuni instead of their ids.

export type ChangeLookups = {
  organizations: Map<string, string>;
  terms: Map<string, string>;
  comuni: Map<string, string>;
};

type Translate = (key: string, options?: Record<string, unknown>) => string;
type Row = Record<string, unknown>;

const isRow = (value: unknown): value is Row => typeof value === "object" && value !== null && !Array.isArray(value);
const str = (value: unknown) => (value === null || value === undefined ? "" : String(value));
const joined = (parts: unknown[], separator = ", ") => parts.map(str).filter(Boolean).join(separator);

/** "2026-03-01" → "1 mar 2026" (or "1 Mar 2026"); anything else as it is. */
export function formatIsoDate(value: unknown, locale: string) {
  const text = str(value);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return text;
  return new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "it-IT", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }).format(new Date(`${text}T00:00:00Z`));
}

function euro(value: unknown, locale: string) {
  return typeof value === "number" ? new Intl.NumberFormat(locale === "en" ? "en-GB" : "it-IT", { style: "currency", currency: "EUR" }).format(value) : "";
}

/** The lines that show one stored value of `field`; an empty value gives no lines. */
export function describeChangeValue(field: string, value: unknown, t: Translate, lookups: ChangeLookups, locale = "it"): string[] {
  if (value === null || value === undefined || value === "") return [];
  const named = (map: Map<string, string>, id: unknown) => map.get(str(id)) ?? t("catalogueAdmin.unknown");
  const items = Array.isArray(value) ? value : [value];
  switch (field) {
    case "created":
      return isRow(value) ? [t("catalogueAdmin.createdAs", { name: str(value.name), status: t(`catalogueAdmin.statuses.${str(value.status)}`) })] : [str(value)];
    case "status":
      return [t(`catalogueAdmin.statuses.${str(value)}`, { defaultValue: str(value) })];
    case "languages":
      return items.map((code) => t(`languages.${str(code)}`, { defaultValue: str(code) }));
    case "termIds":
      return items.map((id) => named(lookups.terms, id));
    case "lastVerifiedAt":
      return [formatIsoDate(value, locale)];
    case "organizations":
      return items.filter(isRow).map((link) => `${named(lookups.organizations, link.organizationId)}${link.isLead ? ` (${t("catalogueAdmin.leadSuffix")})` : ""}`);
    case "locations":
      return items.filter(isRow).map((place) => {
        const comune = place.comuneId ? lookups.comuni.get(str(place.comuneId)) : undefined;
        const where = joined([place.address, joined([place.postalCode, place.city ?? comune], " ")]);
        const coordinates = typeof place.latitude === "number" && typeof place.longitude === "number" ? ` (${place.latitude}, ${place.longitude})` : "";
        return `${str(place.name)}: ${where}${coordinates}`;
      });
    case "weeklyHours":
      return items.filter(isRow).map((hours) => {
        const validity = joined([hours.validFrom ? t("catalogueAdmin.validFrom", { date: formatIsoDate(hours.validFrom, locale) }) : "", hours.validTo ? t("catalogueAdmin.validTo", { date: formatIsoDate(hours.validTo, locale) }) : ""], " ");
        const note = hours.description ? ` · ${str(hours.description)}` : "";
        return `${t(`catalogueAdmin.weekdays.${str(hours.weekday)}`, { defaultValue: str(hours.weekday) })} ${str(hours.opensAt)}–${str(hours.closesAt)}${validity ? ` (${validity})` : ""}${note}`;
      });
    case "exceptions":
      return items.filter(isRow).map((exception) => {
        const times = exception.opensAt ? `${str(exception.opensAt)}–${str(exception.closesAt)}` : t("catalogueAdmin.closedAllDay");
        return `${formatIsoDate(exception.date, locale)}: ${times}${exception.description ? ` · ${str(exception.description)}` : ""}`;
      });
    case "costs":
      return items.filter(isRow).map((cost) => {
        const amount = cost.kind === "FREE" ? "" : euro(cost.amountEuro, locale);
        return `${t(`catalogueAdmin.form.costKinds.${str(cost.kind)}`, { defaultValue: str(cost.kind) })}${amount ? `: ${amount}` : ""}${cost.amountDescription ? ` · ${str(cost.amountDescription)}` : ""}`;
      });
    case "contacts":
      return items.filter(isRow).map((contact) => joined([contact.name, contact.title, contact.phone, contact.email], " · "));
    default:
      return items.map((item) => (isRow(item) || Array.isArray(item) ? JSON.stringify(item) : str(item)));
  }
}
