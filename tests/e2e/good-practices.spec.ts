import { expect, test } from "@playwright/test";
import { expectAccessible, login } from "./support";

test("a member submits a good practice, a coordinator validates it, a visitor finds it and the coordinator starts a lab from it", async ({ browser }) => {
  const stamp = Date.now().toString(36);
  const title = `Merende di solidarietà ${stamp}`;

  const memberContext = await browser.newContext({ locale: "it-IT" });
  const member = await memberContext.newPage();
  await login(member, "membro@twb.example");
  await member.getByRole("link", { name: "Buone prassi", exact: true }).first().click();
  await member.getByRole("link", { name: "Proponi una buona prassi" }).click();
  // Conform sets novalidate once the page is hydrated; before that the browser's own bubbles answer.
  await expect(member.locator("form[novalidate]").filter({ has: member.getByRole("button", { name: "Invia per la validazione" }) })).toBeVisible();
  await member.getByRole("button", { name: "Invia per la validazione" }).click();
  await expect(member.getByText("Scegli almeno un'organizzazione coinvolta.")).toBeVisible();
  await member.getByLabel("Titolo").fill(title);
  await member.getByLabel("Contesto").fill("Nel pomeriggio molti ragazzi delle medie restano soli: il doposcuola della parrocchia non bastava più.");
  await member.getByLabel("Modello di collaborazione").fill("La cooperativa porta gli educatori, la Caritas gli spazi e i volontari, la scuola segnala i ragazzi.");
  await member.getByLabel("Risorse").fill("Due educatori per sei ore a settimana, la sala parrocchiale.");
  await member.getByLabel("Risultati").fill("Venti ragazzi seguiti ogni settimana per un anno.");
  await member.getByLabel("Evidenze").fill("Registro presenze e questionario alle famiglie.");
  await member.getByRole("checkbox", { name: "Il Seme" }).check();
  await member.getByRole("checkbox", { name: "Caritas Appiano Gentile" }).check();
  await member.getByLabel("Tag").fill("doposcuola, merende");
  await member.getByLabel("Persona di contatto", { exact: true }).fill("Luca Galli");
  await expectAccessible(member);
  await member.getByRole("button", { name: "Invia per la validazione" }).click();
  await expect(member.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(member.getByTestId("practice-status")).toHaveText("In attesa di validazione");
  await expectAccessible(member);

  const coordinatorContext = await browser.newContext({ locale: "it-IT" });
  const coordinator = await coordinatorContext.newPage();
  await login(coordinator, "coordinatore@twb.example");
  await coordinator.goto("/buone-prassi");
  await expect(coordinator.getByTestId("practices-to-review")).toContainText(title);
  // The seed holds one practice whose review date has passed: it is flagged and waits too.
  await expect(coordinator.getByTestId("practices-to-review")).toContainText("Revisione scaduta");
  await expectAccessible(coordinator);
  await coordinator.getByTestId("practices-to-review").getByRole("link", { name: title }).click();
  await expect(coordinator.getByLabel("Data di revisione")).toHaveValue(/^\d{4}-\d{2}-\d{2}$/);
  await expectAccessible(coordinator);
  await coordinator.getByRole("button", { name: "Valida", exact: true }).click();
  await expect(coordinator.getByTestId("practice-status")).toContainText("Validata · revisione entro il");

  const visitorContext = await browser.newContext({ locale: "it-IT" });
  const visitor = await visitorContext.newPage();
  await visitor.goto("/buone-prassi");
  await visitor.getByLabel("Cerca per parole").fill(`solidarieta ${stamp}`);
  await visitor.getByRole("button", { name: "Filtra" }).click();
  await expect(visitor.getByRole("status")).toHaveText("1 buona prassi");
  await expectAccessible(visitor);
  await visitor.getByRole("link", { name: title }).click();
  await expect(visitor.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(visitor.getByTestId("practice-status")).toContainText("Validata");
  await expect(visitor.getByRole("button", { name: "Avvia un laboratorio da questa pratica" })).toHaveCount(0);
  await expectAccessible(visitor);

  await coordinator.getByRole("button", { name: "Avvia un laboratorio da questa pratica" }).click();
  await expect(coordinator).toHaveURL(/\/laboratori\/merende-di-solidarieta/);
  await expect(coordinator.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(coordinator.getByText("Laboratorio avviato dalla buona prassi.")).toBeVisible();
  await expect(coordinator.getByTestId("lab-members")).toContainText("Marco Frigerio");

  await coordinator.goBack();
  await coordinator.reload();
  await expect(coordinator.getByTestId("practice-labs")).toContainText(title);

  await memberContext.close();
  await coordinatorContext.close();
  await visitorContext.close();
});
