import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useNavigation } from "@remix-run/react";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import clusterStyles from "leaflet.markercluster/dist/MarkerCluster.css?url";
import clusterDefaultStyles from "leaflet.markercluster/dist/MarkerCluster.Default.css?url";
import { ResultsMap, type MapPoint } from "~/components/catalogue/results-map";
import { SearchFilters } from "~/components/catalogue/search-filters";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { recordUnmetSearch, searchCatalogue, searchFilterOptions, SearchInputError, type SearchResult } from "~/models/catalogue-search.server";
import { canManageCatalogue, canViewUnmetSearches } from "~/policies";
import { catalogueSearchSchema } from "~/schemas/catalogue-search";
import { getOptionalUser, toActor } from "~/services/auth.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: clusterStyles },
  { rel: "stylesheet", href: clusterDefaultStyles },
];

export const meta: MetaFunction = () => [
  { title: "Servizi di welfare del territorio · TWB Community Labs" },
  { name: "description", content: "Cerca i servizi di welfare delle organizzazioni della rete T.W.B. Community intorno a Como, sulla mappa e per categoria." },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const query = Object.fromEntries(url.searchParams);
  const actor = toActor(await getOptionalUser(request));
  // The form's choices load while the search runs; every path below awaits them (a failure is not left unhandled).
  const optionsLoading = searchFilterOptions();
  const abilities = { canManage: canManageCatalogue(actor), canViewUnmet: canViewUnmetSearches(actor) };
  const parsed = catalogueSearchSchema.safeParse(query);
  const empty: SearchResult = { hits: [], next: null, origin: null, sort: "name" };
  if (!parsed.success) {
    const errors = Object.fromEntries(parsed.error.issues.map((issue) => [String(issue.path[0]), issue.message]));
    return data({ ...abilities, options: await optionsLoading, query, result: empty, errors }, { status: 400 });
  }
  try {
    const [result, options] = await Promise.all([searchCatalogue(parsed.data), optionsLoading]);
    if (!result.hits.length && !parsed.data.dopo) await recordUnmetSearch(parsed.data);
    return { ...abilities, options, query, result, errors: {} as Record<string, string> };
  } catch (error) {
    if (!(error instanceof SearchInputError)) throw error;
    return data({ ...abilities, options: await optionsLoading, query, result: empty, errors: { [error.field]: error.messageKey } }, { status: 400 });
  }
}

function distanceLabel(t: (key: string, options?: Record<string, unknown>) => string, meters: number | null) {
  if (meters === null) return null;
  return meters < 1000 ? t("catalogue.distanceMeters", { m: Math.round(meters / 10) * 10 }) : t("catalogue.distance", { km: (meters / 1000).toFixed(1).replace(".", ",") });
}

export default function CataloguePage() {
  const { t } = useTranslation();
  const { options, query, result, errors, canManage, canViewUnmet } = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  // The point picked with "show on the map" belongs to the results it was picked from: a new
  // search frames all of its own results instead of zooming into a point of the last one.
  const [focus, setFocus] = useState<{ hits: typeof result.hits; key: string } | null>(null);
  const focusOnResults = focus?.hits === result.hits ? focus : null;
  const points = useMemo<MapPoint[]>(
    () =>
      result.hits.flatMap((hit) =>
        hit.places.map((place, index) => ({
          key: `${hit.id}:${index}`,
          serviceSlug: hit.slug,
          title: hit.name,
          subtitle: [place.name, place.address, place.city].filter(Boolean).join(", "),
          latitude: place.latitude,
          longitude: place.longitude,
        })),
      ),
    [result.hits],
  );
  const nextQuery = result.next ? `?${new URLSearchParams({ ...query, dopo: result.next }).toString()}` : null;
  const firstQuery = query.dopo ? `?${new URLSearchParams(Object.entries(query).filter(([key]) => key !== "dopo")).toString()}` : null;

  return (
    <section className="page catalogue-page" aria-labelledby="catalogue-title">
      <div className="page-heading">
        <h1 id="catalogue-title">{t("catalogue.title")}</h1>
        <div className="button-row">
          {canViewUnmet ? (
            <Link to="/catalogo/ricerche-senza-risultati" className="button button-secondary">
              {t("catalogue.unmetLink")}
            </Link>
          ) : null}
          {canManage ? (
            <Link to="/catalogo/gestione" className="button button-secondary">
              {t("catalogue.manage")}
            </Link>
          ) : null}
        </div>
      </div>
      <p className="lead">{t("catalogue.intro")}</p>

      <SearchFilters options={options} query={query} errors={errors} />

      <div className="catalogue-results" aria-busy={navigation.state === "loading"}>
        <section aria-labelledby="results-title" className="results-list">
          <h2 id="results-title" className="visually-hidden">
            {t("catalogue.listTitle")}
          </h2>
          <p role="status" className="muted">
            {t("catalogue.results", { count: result.hits.length })}
            {result.origin ? ` · ${t("catalogue.nearFrom", { place: result.origin.label })}` : ""}
          </p>
          {result.hits.length === 0 ? (
            <p className="notice">{t("catalogue.none")}</p>
          ) : (
            <ol className="result-list">
              {result.hits.map((hit) => (
                <li key={hit.id} className="card result-card">
                  <h3 className="card-title">
                    <Link to={`/catalogo/servizi/${hit.slug}`}>{hit.name}</Link>
                  </h3>
                  <p className="tags">
                    {hit.status === "TEMPORARILY_CLOSED" ? <span className="tag tag-warning">{t("catalogue.temporarilyClosed")}</span> : null}
                    {hit.costKinds.includes("FREE") ? <span className="tag tag-accent">{t("catalogue.free")}</span> : null}
                    {hit.costKinds.includes("REDUCED") ? <span className="tag">{t("catalogue.reduced")}</span> : null}
                    {hit.terms.slice(0, 3).map((term) => (
                      <span key={term} className="tag">
                        {term}
                      </span>
                    ))}
                  </p>
                  {hit.organization ? <p className="muted">{hit.organization}</p> : null}
                  <p>{hit.description.length >= 280 ? `${hit.description.slice(0, 277)}…` : hit.description}</p>
                  <p className="muted">
                    {[hit.places[0] ? `${hit.places[0].address}, ${hit.places[0].city}` : null, distanceLabel(t, hit.distanceM)].filter(Boolean).join(" · ")}
                  </p>
                  {hit.places.length ? (
                    <button type="button" className="link-button" onClick={() => setFocus({ hits: result.hits, key: `${hit.id}:0` })} aria-controls="results-map" aria-label={`${t("catalogue.showOnMap")}: ${hit.name}`}>
                      {t("catalogue.showOnMap")}
                    </button>
                  ) : null}
                </li>
              ))}
            </ol>
          )}
          <nav className="pager" aria-label={t("catalogue.listTitle")}>
            {firstQuery ? <Link to={firstQuery}>{t("catalogue.firstPage")}</Link> : null}
            {nextQuery ? (
              <Link to={nextQuery} className="button button-secondary">
                {t("catalogue.nextPage")}
              </Link>
            ) : null}
          </nav>
        </section>
        <section aria-labelledby="map-title" className="results-map-column" id="results-map">
          <h2 id="map-title" className="visually-hidden">
            {t("catalogue.mapTitle")}
          </h2>
          <ResultsMap points={points} focus={focusOnResults} origin={result.origin} />
        </section>
      </div>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
