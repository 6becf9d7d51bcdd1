import { Form, Link } from "@remix-run/react";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { SPOKEN_LANGUAGES } from "~/schemas/common";
import { translateMessage } from "~/utils/messages";

type Options = {
  categories: { code: string; name: string; children: { code: string; name: string }[] }[];
  comuni: { slug: string; name: string }[];
  organizations: { slug: string; name: string }[];
};

const RADII = [2, 5, 10, 20];
/** Filters behind "more filters", open when one of them is in use. */
const SECONDARY = ["comune", "eta", "costo", "ente", "lingua", "raggio", "ordina", "aperto"];

/**
 * The public search form: a GET form, so a search is a URL that can be shared, bookmarked and
 * used without JavaScript. "Use my location" (with JavaScript) fills "near" with the browser's
 * coordinates and searches by distance.
 */
export function SearchFilters({ options, query, errors }: { options: Options; query: Record<string, string>; errors: Record<string, string> }) {
  const { t } = useTranslation();
  const form = useRef<HTMLFormElement>(null);
  const near = useRef<HTMLInputElement>(null);
  const [locating, setLocating] = useState<"idle" | "busy" | "failed">("idle");
  const secondaryOpen = SECONDARY.some((name) => query[name]) || SECONDARY.some((name) => errors[name]);

  const error = (name: string) =>
    errors[name] ? (
      <ul id={`search-${name}-error`} className="field-errors">
        <li>{translateMessage(t, errors[name])}</li>
      </ul>
    ) : null;
  const described = (name: string, help?: boolean) => [help ? `search-${name}-help` : null, errors[name] ? `search-${name}-error` : null].filter(Boolean).join(" ") || undefined;

  const locate = () => {
    if (!("geolocation" in navigator)) return setLocating("failed");
    setLocating("busy");
    navigator.geolocation.getCurrentPosition(
      (position) => {
        if (!near.current || !form.current) return;
        near.current.value = `${position.coords.latitude.toFixed(5)},${position.coords.longitude.toFixed(5)}`;
        const sort = form.current.elements.namedItem("ordina") as HTMLSelectElement | null;
        if (sort) sort.value = "distance";
        setLocating("idle");
        form.current.requestSubmit();
      },
      () => setLocating("failed"),
      { timeout: 10_000, maximumAge: 60_000 },
    );
  };

  return (
    <Form method="get" ref={form} className="filters catalogue-filters" role="search" aria-label={t("catalogue.submit")}>
      <div className="field field-wide">
        <label htmlFor="search-q">{t("catalogue.searchLabel")}</label>
        <input id="search-q" name="q" type="search" defaultValue={query.q ?? ""} placeholder={t("catalogue.searchPlaceholder")} aria-invalid={errors.q ? true : undefined} aria-describedby={described("q")} />
        {error("q")}
      </div>
      <div className="field">
        <label htmlFor="search-categoria">{t("catalogue.category")}</label>
        <select id="search-categoria" name="categoria" defaultValue={query.categoria ?? ""} aria-invalid={errors.categoria ? true : undefined} aria-describedby={described("categoria")}>
          <option value="">{t("catalogue.allCategories")}</option>
          {options.categories.map((category) => (
            <optgroup key={category.code} label={category.name}>
              <option value={category.code}>{category.name}</option>
              {category.children.map((child) => (
                <option key={child.code} value={child.code}>
                  {child.name}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
        {error("categoria")}
      </div>
      <div className="field field-wide">
        <label htmlFor="search-vicino">{t("catalogue.near")}</label>
        <p id="search-vicino-help" className="field-help">
          {t("catalogue.nearHelp")}
        </p>
        <div className="input-with-button">
          <input ref={near} id="search-vicino" name="vicino" type="text" list="search-comuni" defaultValue={query.vicino ?? ""} aria-invalid={errors.vicino ? true : undefined} aria-describedby={described("vicino", true)} />
          <button type="button" className="button button-secondary" onClick={locate} disabled={locating === "busy"}>
            {locating === "busy" ? t("catalogue.locating") : t("catalogue.useMyLocation")}
          </button>
        </div>
        <datalist id="search-comuni">
          {options.comuni.map((comune) => (
            <option key={comune.slug} value={comune.name} />
          ))}
        </datalist>
        {locating === "failed" ? (
          <p className="field-errors" role="alert">
            {t("catalogue.locationUnavailable")}
          </p>
        ) : null}
        {error("vicino")}
      </div>
      <details className="more-filters" open={secondaryOpen}>
        <summary>{t("catalogue.moreFilters")}</summary>
        <div className="filters">
          <div className="field">
            <label htmlFor="search-comune">{t("catalogue.comune")}</label>
            <select id="search-comune" name="comune" defaultValue={query.comune ?? ""}>
              <option value="">{t("catalogue.allComuni")}</option>
              {options.comuni.map((comune) => (
                <option key={comune.slug} value={comune.slug}>
                  {comune.name}
                </option>
              ))}
            </select>
            {error("comune")}
          </div>
          <div className="field field-narrow">
            <label htmlFor="search-eta">{t("catalogue.age")}</label>
            <input id="search-eta" name="eta" type="number" min={0} max={120} inputMode="numeric" defaultValue={query.eta ?? ""} aria-invalid={errors.eta ? true : undefined} aria-describedby={described("eta")} />
            {error("eta")}
          </div>
          <div className="field">
            <label htmlFor="search-costo">{t("catalogue.cost")}</label>
            <select id="search-costo" name="costo" defaultValue={query.costo ?? ""}>
              <option value="">{t("catalogue.anyCost")}</option>
              <option value="free">{t("catalogue.costFree")}</option>
              <option value="reduced">{t("catalogue.costReduced")}</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="search-ente">{t("catalogue.organization")}</label>
            <select id="search-ente" name="ente" defaultValue={query.ente ?? ""}>
              <option value="">{t("catalogue.allOrganizations")}</option>
              {options.organizations.map((organization) => (
                <option key={organization.slug} value={organization.slug}>
                  {organization.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="search-lingua">{t("catalogue.language")}</label>
            <select id="search-lingua" name="lingua" defaultValue={query.lingua ?? ""}>
              <option value="">{t("catalogue.anyLanguage")}</option>
              {SPOKEN_LANGUAGES.map((language) => (
                <option key={language} value={language}>
                  {t(`languages.${language}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="search-raggio">{t("catalogue.radius")}</label>
            <select id="search-raggio" name="raggio" defaultValue={query.raggio ?? ""}>
              <option value="">{t("catalogue.anyRadius")}</option>
              {RADII.map((km) => (
                <option key={km} value={km}>
                  {t("catalogue.radiusKm", { count: km })}
                </option>
              ))}
            </select>
            {error("raggio")}
          </div>
          <div className="field">
            <label htmlFor="search-ordina">{t("catalogue.sort")}</label>
            <select id="search-ordina" name="ordina" defaultValue={query.ordina ?? ""}>
              <option value="">{t("catalogue.sortRelevance")}</option>
              <option value="distance">{t("catalogue.sortDistance")}</option>
              <option value="name">{t("catalogue.sortName")}</option>
            </select>
          </div>
          <div className="field field-check">
            <input id="search-aperto" name="aperto" type="checkbox" value="1" defaultChecked={query.aperto === "1"} />
            <label htmlFor="search-aperto">{t("catalogue.openNow")}</label>
          </div>
        </div>
      </details>
      {error("dopo")}
      <div className="button-row">
        <button type="submit" className="button">
          {t("catalogue.submit")}
        </button>
        <Link to="/catalogo" className="button button-secondary">
          {t("catalogue.reset")}
        </Link>
      </div>
    </Form>
  );
}
