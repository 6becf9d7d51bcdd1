import { expect, test } from "@playwright/test";
import { expectAccessible, expectHydrated, login } from "./support";

// The public catalogue (issue #5), as an anonymous visitor: search by misspelled words, filters,
// distance, list and map in sync, the service page with "aperto ora"; and the unmet searches a
// signed-in member sees afterwards.

test("an anonymous visitor finds a service by misspelled words, on the list, on the map and on its page", async ({ page }) => {
  await page.goto("/catalogo");
  await expect(page.getByRole("heading", { level: 1, name: "Servizi di welfare del territorio" })).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel("Cosa cerchi?").fill("centro di ascolt carits");
  await page.getByRole("button", { name: "Cerca", exact: true }).click();
  await expect(page).toHaveURL(/q=centro\+di\+ascolt\+carits/);
  const results = page.getByRole("list").filter({ has: page.getByRole("link", { name: "Centro di ascolto Caritas" }) });
  await expect(results).toBeVisible();

  // The map shows the result's place; "show on the map" opens its popup with a link to the page.
  const map = page.getByRole("region", { name: /Mappa dei servizi trovati/ });
  await expect(map.locator(".leaflet-marker-icon").first()).toBeVisible();
  await page.getByRole("button", { name: "Mostra sulla mappa: Centro di ascolto Caritas" }).click();
  await expect(map.locator(".leaflet-popup").getByRole("link", { name: "Centro di ascolto Caritas" })).toBeVisible();
  // Leaflet fades the popup in: axe would measure the link's contrast halfway through the fade.
  await expect(map.locator(".leaflet-popup")).toHaveCSS("opacity", "1");
  await expectAccessible(page);

  await results.getByRole("link", { name: "Centro di ascolto Caritas" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Centro di ascolto Caritas" })).toBeVisible();
  await expect(page.getByText(/^(Aperto ora|Chiuso ora)$/)).toBeVisible();
  await expect(page.getByRole("row", { name: /Martedì 09:30–11:30/ })).toBeVisible();
  await expect(page.getByRole("link", { name: "+39 031 000 0202" })).toBeVisible();
  await expectAccessible(page);
});

test("'show on the map' picked before the map's script has arrived opens the point once the map is there", async ({ page }) => {
  // A slow phone: the page is hydrated, the list works, Leaflet is still on its way.
  let releaseLeaflet!: () => void;
  const leafletHeld = new Promise<void>((resolve) => (releaseLeaflet = resolve));
  await page.route(/\/assets\/leaflet-src-[\w-]+\.js$/, async (route) => {
    await leafletHeld;
    await route.continue();
  });
  const pageErrors: string[] = [];
  page.on("pageerror", (error) => pageErrors.push(error.message));
  await page.goto("/catalogo?q=centro+di+ascolt+carits");
  const show = page.getByRole("button", { name: "Mostra sulla mappa: Centro di ascolto Caritas" });
  await expectHydrated(show);
  await show.click();
  const map = page.getByRole("region", { name: /Mappa dei servizi trovati/ });
  await expect(map.locator(".leaflet-marker-icon")).toHaveCount(0);

  releaseLeaflet();
  const popupLink = map.locator(".leaflet-popup").getByRole("link", { name: "Centro di ascolto Caritas" });
  await expect(popupLink).toBeVisible();

  // Closed, it opens again when asked again.
  await map.getByRole("button", { name: "Close popup" }).click();
  await expect(map.locator(".leaflet-popup")).toHaveCount(0);
  await show.click();
  await expect(popupLink).toBeVisible();

  // A new search frames all of its own results, with no popup left from the last one.
  await page.getByLabel("Cosa cerchi?").fill("centro");
  await page.getByRole("button", { name: "Cerca", exact: true }).click();
  await expect(page).toHaveURL(/q=centro(&|$)/);
  await expect(page.getByRole("button", { name: "Mostra sulla mappa: Centro diurno per persone con disabilità" })).toBeVisible();
  await expect(map.locator(".leaflet-marker-icon").first()).toBeVisible();
  await expect(map.locator(".leaflet-popup")).toHaveCount(0);
  expect(pageErrors).toEqual([]);
});

test("filters and distance narrow the results; a search with no results is shown to members as an unmet need", async ({ page }) => {
  await page.goto("/catalogo?vicino=Valmorea&ordina=distance");
  await expect(page.getByRole("status")).toContainText("Distanze da Valmorea");
  const first = page.locator(".result-card").first();
  await expect(first.getByRole("link")).toHaveText("Centro diurno per persone con disabilità");
  await expect(first).toContainText(/a \d+ m|a 0,\d km/);

  await page.goto("/catalogo");
  await page.getByText("Altri filtri").click();
  await page.getByLabel("Costo").selectOption("free");
  await page.getByLabel("Età della persona").fill("16");
  await page.getByLabel("Categoria").selectOption({ label: "Lavoro e formazione" });
  await page.getByRole("button", { name: "Cerca", exact: true }).click();
  await expect(page.locator(".result-card").getByRole("link")).toHaveText(["Sportello lavoro e orientamento"]);

  await page.goto("/catalogo?q=noleggio+deltaplani+subacquei");
  await expect(page.getByText(/Nessun servizio trovato/)).toBeVisible();

  await login(page, "membro@twb.example");
  await page.goto("/catalogo/ricerche-senza-risultati");
  await expect(page.getByRole("cell", { name: "noleggio deltaplani subacquei" })).toBeVisible();
  await expectAccessible(page);
});
