import { expect, test } from "@playwright/test";
import { expectAccessible, login } from "./support";

test("a coordinator starts a lab, a person asks to join and the coordinator accepts them as an observer", async ({ browser }) => {
  const title = `Laboratorio anziani soli ${Date.now()}`;
  const coordinatorContext = await browser.newContext({ locale: "it-IT" });
  const coordinator = await coordinatorContext.newPage();
  await login(coordinator, "coordinatore@twb.example");
  await coordinator.getByRole("link", { name: "Laboratori", exact: true }).first().click();
  await coordinator.getByRole("link", { name: "Nuovo laboratorio" }).click();
  await coordinator.getByLabel("Titolo").fill(title);
  await coordinator.getByLabel("La sfida").fill("Molti anziani dei comuni più piccoli vivono soli: come accorgersene in tempo e accompagnarli?");
  await coordinator.getByLabel("Caritas Appiano Gentile — Ente ecclesiastico").check();
  await expectAccessible(coordinator);
  await coordinator.getByRole("button", { name: "Crea il laboratorio" }).click();

  await expect(coordinator.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(coordinator.getByText("1 tipo di organizzazione")).toBeVisible();
  await expect(coordinator.getByText("Per ora partecipa un solo tipo di organizzazione")).toBeVisible();
  await coordinator.getByLabel("Organizzazione", { exact: true }).selectOption({ label: "Il Biancospino" });
  await coordinator.getByRole("button", { name: "Invita" }).nth(1).click();
  await expect(coordinator.getByText("2 tipi di organizzazione")).toBeVisible();
  await expect(coordinator.getByTestId("lab-activity")).toContainText("ha invitato l'organizzazione Il Biancospino");

  const companyContext = await browser.newContext({ locale: "it-IT" });
  const company = await companyContext.newPage();
  await login(company, "azienda@twb.example");
  await company.goto(coordinator.url());
  await company.getByLabel("Messaggio per i facilitatori").fill("Come azienda possiamo offrire volontariato dei dipendenti.");
  await company.getByRole("button", { name: "Chiedi di partecipare" }).click();
  await expect(company.getByText("La tua richiesta di partecipazione è in attesa.")).toBeVisible();
  await expectAccessible(company);

  await coordinator.reload();
  await coordinator.getByLabel("Accetta Chiara Taborelli come").selectOption({ label: "Osservatore" });
  await coordinator.getByRole("button", { name: "Accetta", exact: true }).click();
  await expect(coordinator.getByTestId("lab-members")).toContainText("Chiara Taborelli");
  await expect(coordinator.getByLabel("Ruolo di Chiara Taborelli")).toHaveValue("OBSERVER");

  await company.goto("/notifiche");
  await expect(company.getByTestId("notifications")).toContainText("La tua richiesta di partecipazione è stata accettata.");
  await coordinatorContext.close();
  await companyContext.close();
});
