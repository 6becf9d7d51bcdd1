import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { useRootData } from "~/root";

/**
 * A small Leaflet map centred on one place. Leaflet touches `window`, so it loads in the browser
 * only; with no tile server configured (MAP_TILE_URL empty) the marker still shows on a plain map.
 */
export function LocationMap({ latitude, longitude, label }: { latitude: number; longitude: number; label: string }) {
  const { t } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const env = useRootData()?.env;

  useEffect(() => {
    let map: import("leaflet").Map | undefined;
    let cancelled = false;
    void import("leaflet").then((L) => {
      if (cancelled || !container.current) return;
      map = L.map(container.current, { scrollWheelZoom: false, attributionControl: Boolean(env?.MAP_TILE_URL) }).setView([latitude, longitude], 13);
      if (env?.MAP_TILE_URL) L.tileLayer(env.MAP_TILE_URL, { attribution: env.MAP_TILE_ATTRIBUTION, maxZoom: 18 }).addTo(map);
      L.circleMarker([latitude, longitude], { radius: 10, color: "#0b5c8a", weight: 3, fillOpacity: 0.6 }).addTo(map).bindTooltip(label);
    });
    return () => {
      cancelled = true;
      map?.remove();
    };
  }, [latitude, longitude, label, env?.MAP_TILE_URL, env?.MAP_TILE_ATTRIBUTION]);

  return (
    <figure className="map-figure">
      <div ref={container} className="location-map" role="region" aria-label={t("organizations.mapLabel", { name: label })} />
      <figcaption className="muted">
        {latitude.toFixed(4)}, {longitude.toFixed(4)}
      </figcaption>
    </figure>
  );
}
