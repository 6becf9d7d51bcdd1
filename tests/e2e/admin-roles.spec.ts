import { expect, test } from "@playwright/test";
import { expectAccessible, login } from "./support";

test("an admin changes a person's role and the change appears in the audit log", async ({ page }) => {
  await login(page, "admin@twb.example");
  await page.goto("/persone");
  await page.getByLabel("Cerca per nome o email").fill("osservatore@twb.example");
  await page.getByRole("button", { name: "Filtra" }).click();
  await page.getByRole("link", { name: "Paolo Casartelli" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Paolo Casartelli" })).toBeVisible();
  await expectAccessible(page);

  const current = (await page.getByTestId("person-role").textContent())?.trim();
  const target = current === "Facilitatore" ? "Coordinatore" : "Facilitatore";
  await page.getByLabel("Nuovo ruolo").selectOption({ label: target });
  await page.getByRole("button", { name: "Salva ruolo" }).click();
  await expect(page.getByRole("status")).toHaveText("Ruolo aggiornato.");
  await expect(page.getByTestId("person-role")).toHaveText(target);

  await page.getByRole("link", { name: "Registro modifiche" }).click();
  const firstRow = page.getByTestId("audit-table").locator("tbody tr").first();
  await expect(firstRow).toContainText("Giulia Bernasconi");
  await expect(firstRow).toContainText("Ruolo cambiato");
  await expect(firstRow).toContainText(`Paolo Casartelli: ${current} → ${target}`);
  await expectAccessible(page);
});

test("the network directory lists the 23 organizations and filters by kind", async ({ page }) => {
  await page.goto("/organizzazioni");
  await expect(page.getByRole("status")).toHaveText("23 organizzazioni");
  await page.getByLabel("Tipo").selectOption({ label: "Istituto scolastico" });
  await page.getByRole("button", { name: "Filtra" }).click();
  await expect(page.getByRole("status")).toHaveText("4 organizzazioni");
  await page.getByRole("link", { name: "Istituto Comprensivo Faloppio" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Istituto Comprensivo Faloppio" })).toBeVisible();
  await expect(page.getByText("Faloppio", { exact: false }).first()).toBeVisible();
  await expectAccessible(page);
});
