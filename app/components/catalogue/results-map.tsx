import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { useRootData } from "~/root";

export type MapPoint = { key: string; serviceSlug: string; title: string; subtitle: string; latitude: number; longitude: number };

/**
 * The search results on a Leaflet map, with clustered markers and popups linking to each service.
 * The list beside it is the accessible way through the same results; `focus` (a new one each time
 * someone picks "show on the map" in the list, also for the same point) opens that point's popup,
 * keeping list and map in sync.
 * With no tile server configured (MAP_TILE_URL empty) the points still show on a plain background.
 */
export function ResultsMap({ points, focus, origin }: { points: MapPoint[]; focus: { key: string } | null; origin: { latitude: number; longitude: number } | null }) {
  const { t } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const markers = useRef(new Map<string, import("leaflet").Marker>());
  const cluster = useRef<import("leaflet").MarkerClusterGroup | null>(null);
  /** The retries of the last point asked for: asking for another one stops them. */
  const openRetry = useRef<number | undefined>(undefined);
  // The point to show, also when it was asked for before the map finished loading.
  const focused = useRef<string | null>(null);
  focused.current = focus?.key ?? null;
  const env = useRootData()?.env;

  useEffect(() => {
    let map: import("leaflet").Map | undefined;
    let cancelled = false;
    void (async () => {
      const L = (await import("leaflet")).default;
      // The plugin extends the Leaflet it finds on window.
      (window as unknown as { L: typeof L }).L = L;
      await import("leaflet.markercluster");
      if (cancelled || !container.current) return;
      // maxZoom on the map itself: the cluster plugin needs it even when no tile layer gives one.
      map = L.map(container.current, { scrollWheelZoom: false, attributionControl: Boolean(env?.MAP_TILE_URL), keyboard: true, maxZoom: 18 });
      if (env?.MAP_TILE_URL) L.tileLayer(env.MAP_TILE_URL, { attribution: env.MAP_TILE_ATTRIBUTION, maxZoom: 18 }).addTo(map);
      const group = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 40 });
      markers.current.clear();
      for (const point of points) {
        const marker = L.marker([point.latitude, point.longitude], {
          title: point.title,
          alt: point.title,
          icon: L.divIcon({ className: "map-pin", html: "<span aria-hidden='true'></span>", iconSize: [22, 22], iconAnchor: [11, 22], popupAnchor: [0, -20] }),
        });
        const popup = document.createElement("div");
        const link = document.createElement("a");
        link.href = `/catalogo/servizi/${point.serviceSlug}`;
        link.textContent = point.title;
        const subtitle = document.createElement("p");
        subtitle.textContent = point.subtitle;
        popup.append(link, subtitle);
        marker.bindPopup(popup);
        markers.current.set(point.key, marker);
        group.addLayer(marker);
      }
      group.addTo(map);
      if (origin) L.circleMarker([origin.latitude, origin.longitude], { radius: 7, color: "#7a3e00", weight: 3, fillOpacity: 0.4 }).addTo(map);
      const bounds = L.latLngBounds(points.map((point) => [point.latitude, point.longitude] as [number, number]));
      if (origin) bounds.extend([origin.latitude, origin.longitude]);
      if (bounds.isValid()) map.fitBounds(bounds, { padding: [30, 30], maxZoom: 14 });
      else map.setView([45.78, 9.0], 11);
      // Only now, with a view, has Leaflet put the cluster group on the map: before, it has no
      // clusters to zoom into, and asking it to show a point throws.
      cluster.current = group;
      if (focused.current) openPoint(focused.current);
    })();
    return () => {
      cancelled = true;
      cluster.current = null;
      map?.remove();
    };
  }, [points, origin, env?.MAP_TILE_URL, env?.MAP_TILE_ATTRIBUTION]);

  function openPoint(key: string) {
    const marker = markers.current.get(key);
    const group = cluster.current;
    if (!marker || !group) return;
    let opened = false;
    const noteOpened = () => {
      opened = true;
    };
    marker.once("popupopen", noteOpened);
    group.zoomToShowLayer(marker, () => marker.openPopup());
    // The plugin drops the callback when a zoom is already under way: ask again every half second
    // until the popup has opened once, for a few seconds at most, and never again after that (the
    // person may have closed it).
    let attempts = 0;
    window.clearInterval(openRetry.current);
    const retry = window.setInterval(() => {
      attempts += 1;
      if (opened || marker.isPopupOpen() || cluster.current !== group || attempts > 12) {
        window.clearInterval(retry);
        marker.off("popupopen", noteOpened);
        return;
      }
      group.zoomToShowLayer(marker, () => marker.openPopup());
    }, 500);
    openRetry.current = retry;
  }

  useEffect(() => {
    if (focus) openPoint(focus.key);
  }, [focus]);

  return (
    <figure className="map-figure results-map-figure">
      <div ref={container} className="results-map" role="region" aria-label={t("catalogue.mapLabel")} />
      {env?.MAP_TILE_URL ? null : <figcaption className="muted">{t("catalogue.mapNoTiles")}</figcaption>}
    </figure>
  );
}
