import { expect, test } from "@playwright/test";
import { expectAccessible, login } from "./support";

test("a coordinator invites a new person into an organization, who creates an account and edits their profile", async ({ page, browser }) => {
  await login(page, "coordinatore@twb.example");
  await page.getByRole("link", { name: "Inviti" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Inviti" })).toBeVisible();
  // Coordinators may not hand out coordinator or admin roles.
  await expect(page.getByLabel("Ruolo nella piattaforma").locator("option")).toHaveText(["Facilitatore", "Membro"]);
  await page.getByLabel("Organizzazione").selectOption({ label: "Vela Dislessia" });
  await page.getByRole("button", { name: "Crea invito" }).click();
  const link = await page.getByLabel("Link di invito").inputValue();
  expect(link).toMatch(/\/invito\/[A-Za-z0-9_-]{20,}$/);
  await expectAccessible(page);

  const visitor = await browser.newContext({ locale: "it-IT" });
  const newcomer = await visitor.newPage();
  await newcomer.goto(link);
  await expect(newcomer.getByRole("heading", { level: 1, name: "Unisciti a Vela Dislessia" })).toBeVisible();
  await expectAccessible(newcomer);
  const email = `volontaria-${Date.now()}@test.example`;
  await newcomer.getByLabel("Nome e cognome").fill("Anna Volontaria");
  await newcomer.getByLabel("Email").fill(email);
  await newcomer.getByLabel("Nuova password", { exact: true }).fill("corta");
  await newcomer.getByLabel("Ripeti la nuova password").fill("corta");
  await newcomer.getByRole("button", { name: "Accetta l'invito" }).click();
  await expect(newcomer.getByText("Troppo corto: almeno 10 caratteri.")).toBeVisible();

  await newcomer.getByLabel("Nuova password", { exact: true }).fill("una-password-lunga");
  await newcomer.getByLabel("Ripeti la nuova password").fill("una-password-lunga");
  await newcomer.getByRole("button", { name: "Accetta l'invito" }).click();
  await expect(newcomer.getByRole("heading", { level: 1, name: "Ciao Anna Volontaria" })).toBeVisible();
  await expect(newcomer.getByRole("link", { name: "Vela Dislessia" })).toBeVisible();

  await newcomer.goto("/profilo");
  await newcomer.getByLabel("Inglese").check();
  await newcomer.getByLabel("Lingua dell'interfaccia").selectOption("en");
  await newcomer.getByRole("button", { name: "Salva il profilo" }).click();
  await expect(newcomer.getByRole("status")).toHaveText("Profile saved.");
  await expect(newcomer.getByRole("heading", { level: 1, name: "Your profile" })).toBeVisible();
  await expectAccessible(newcomer);

  // The link is spent.
  await newcomer.goto(link);
  await expect(newcomer.getByRole("alert")).toContainText("This invitation is not valid");
  await visitor.close();
});
