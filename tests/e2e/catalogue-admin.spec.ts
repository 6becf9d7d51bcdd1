import { expect, test } from "@playwright/test";
import { expectAccessible, login } from "./support";

// Issue #5: a coordinator turns the seeded approved proposal into a catalogue service, completes
// what the proposal could not say (address, category, hours, cost), saves and publishes it; then
// someone with no account finds it by misspelled words, on the map and on its page.

test("a coordinator publishes the approved proposal as a service; an anonymous visitor finds it by a misspelled word", async ({ page, browser }) => {
  await login(page, "coordinatore@twb.example");

  await page.goto("/catalogo/gestione");
  await expect(page.getByRole("heading", { level: 1, name: "Gestione del catalogo" })).toBeVisible();
  await expect(page.getByTestId("approved-proposals")).toContainText("Sportello DSA per le famiglie");
  await expectAccessible(page);

  await page.goto("/laboratori/laboratorio-dsa-e-scuola");
  await page.getByRole("link", { name: "Sportello DSA per le famiglie" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Sportello DSA per le famiglie" })).toBeVisible();
  await page.getByRole("link", { name: "Pubblica come servizio" }).click();

  await expect(page).toHaveURL(/\/catalogo\/da-proposta\//);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Sportello DSA per le famiglie");
  // Pre-filled from the proposal: its title, ages, partners (one of them the lead), comuni.
  await expect(page.getByLabel("Nome del servizio")).toHaveValue("Sportello DSA per le famiglie");
  await expect(page.getByLabel("Età minima (anni)")).toHaveValue("6");
  await expect(page.getByLabel("Vela Dislessia", { exact: true })).toBeChecked();
  await expect(page.getByLabel("Comune (sede 1)")).not.toHaveValue("");
  await expect(page.getByLabel("Latitudine (sede 1)")).not.toHaveValue("");

  // Saving as it is: the missing address and category are named next to their fields.
  await page.getByRole("button", { name: "Crea il servizio" }).click();
  await expect(page.getByText("Scegli almeno una categoria.")).toBeVisible();
  await expect(page.getByText("Campo obbligatorio.").first()).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel("Indirizzo (sede 1)").fill("Via Roma 12");
  await page.getByLabel("Indirizzo (sede 2)").fill("Via Manzoni 3");
  await page.getByLabel("Supporto DSA", { exact: true }).check();
  await page.getByRole("radio", { name: "Capofila: Vela Dislessia" }).check();

  await page.getByRole("button", { name: "Aggiungi un orario" }).click();
  await page.getByLabel("Giorno (orario 1)").selectOption({ label: "Martedì" });
  await page.getByLabel("Apre alle (orario 1)").fill("14:30");
  await page.getByLabel("Chiude alle (orario 1)").fill("17:30");

  await page.getByRole("button", { name: "Aggiungi un costo" }).click();
  await page.getByLabel("Tipo (costo 1)").selectOption({ label: "Tariffa ridotta" });
  await page.getByLabel("Importo in euro (costo 1)").fill("10,00");
  // A reduced fee needs its conditions: refused in the browser until they are given.
  await page.getByRole("button", { name: "Crea il servizio" }).click();
  await expect(page.getByText("Spiega a quali condizioni si ha la tariffa ridotta.")).toBeVisible();
  await page.getByLabel("Condizioni (costo 1)").fill("ISEE sotto 15.000 €");

  // Picking another comune puts its centre in the coordinates.
  const latitude = await page.getByLabel("Latitudine (sede 2)").inputValue();
  await page.getByLabel("Comune (sede 2)").selectOption({ label: "Como" });
  await expect(page.getByLabel("Latitudine (sede 2)")).not.toHaveValue(latitude);

  await page.getByRole("button", { name: "Crea il servizio" }).click();
  await expect(page).toHaveURL(/\/catalogo\/servizi\/sportello-dsa-per-le-famiglie/);
  await expect(page.getByRole("heading", { level: 1, name: "Sportello DSA per le famiglie" })).toBeVisible();
  const serviceUrl = new URL(page.url()).pathname;

  await page.goto(`${serviceUrl}/modifica`);
  await expect(page.getByTestId("service-status-panel")).toContainText("Bozza");
  await expect(page.getByLabel("Indirizzo (sede 1)")).toHaveValue("Via Roma 12");
  await expectAccessible(page);
  await page.getByRole("button", { name: "Pubblica", exact: true }).click();

  await expect(page).toHaveURL(serviceUrl);
  await expect(page.getByRole("heading", { level: 1, name: "Sportello DSA per le famiglie" })).toBeVisible();

  await page.goto(`${serviceUrl}/storico`);
  await expect(page.getByTestId("service-history")).toContainText("Pubblicato");
  await expect(page.getByTestId("service-history")).toContainText("Creato come «Sportello DSA per le famiglie»");
  await expectAccessible(page);

  // The proposal now links to its service, and the catalogue management lists it as published.
  await page.goto("/catalogo/gestione?stato=PUBLISHED");
  await expect(page.getByTestId("managed-services")).toContainText("Sportello DSA per le famiglie");
  await expect(page.getByTestId("approved-proposals")).toHaveCount(0);

  // A visitor with no account, in a browser of their own.
  const visitorContext = await browser.newContext();
  const visitor = await visitorContext.newPage();
  await visitor.goto("/catalogo");
  await visitor.getByLabel("Cosa cerchi?").fill("sportelo dsa famigle");
  await visitor.getByRole("button", { name: "Cerca", exact: true }).click();
  // The first page already lists the service: wait for the search's own results.
  await expect(visitor).toHaveURL(/q=sportelo\+dsa\+famigle/);
  const result = visitor.locator(".result-card").filter({ has: visitor.getByRole("link", { name: "Sportello DSA per le famiglie" }) });
  await expect(result).toBeVisible();
  const map = visitor.getByRole("region", { name: /Mappa dei servizi trovati/ });
  await expect(map.locator(".leaflet-marker-icon").first()).toBeVisible();
  await visitor.getByRole("button", { name: "Mostra sulla mappa: Sportello DSA per le famiglie" }).click();
  await expect(map.locator(".leaflet-popup").getByRole("link", { name: "Sportello DSA per le famiglie" })).toBeVisible();
  await expectAccessible(visitor);
  await result.getByRole("link", { name: "Sportello DSA per le famiglie" }).click();
  await expect(visitor).toHaveURL(serviceUrl);
  await expect(visitor.getByRole("heading", { level: 1, name: "Sportello DSA per le famiglie" })).toBeVisible();
  await expect(visitor.getByRole("row", { name: /Martedì 14:30–17:30/ })).toBeVisible();
  await expect(visitor.getByText("Vela Dislessia").first()).toBeVisible();
  await expectAccessible(visitor);
  await visitorContext.close();
});
