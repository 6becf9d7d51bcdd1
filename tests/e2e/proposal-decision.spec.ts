import { expect, test } from "@playwright/test";
import { expectAccessible, login } from "./support";

test("from idea to decision: a facilitator submits a new proposal, a coordinator evaluates and approves it", async ({ browser }) => {
  const title = `Sportello famiglie ${Date.now()}`;
  const facilitatorContext = await browser.newContext({ locale: "it-IT", timezoneId: "Europe/Rome" });
  const facilitator = await facilitatorContext.newPage();
  await login(facilitator, "facilitatore@twb.example");
  await facilitator.goto("/laboratori/laboratorio-dsa-e-scuola");
  await facilitator.getByLabel("Titolo della proposta").fill(title);
  await facilitator.getByRole("button", { name: "Crea la proposta" }).click();
  await expect(facilitator.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(facilitator.getByTestId("proposal-stage")).toHaveText("Bozza");
  // The template's sections are there to be filled in.
  await expect(facilitator.getByRole("textbox", { name: "Testo della proposta" })).toContainText("Come sarà valutato");

  await facilitator.getByLabel("Età minima").fill("12");
  await facilitator.getByLabel("Età massima").fill("10");
  await facilitator.getByRole("button", { name: "Salva i dati" }).click();
  await expect(facilitator.getByText("L'età minima non può superare la massima.")).toBeVisible();
  await facilitator.getByLabel("Età massima").fill("16");
  await facilitator.getByRole("button", { name: "Salva i dati" }).click();
  await expect(facilitator.getByRole("status").filter({ hasText: "Dati della proposta salvati." })).toBeVisible();

  await facilitator.getByRole("button", { name: "Sposta in: In co-progettazione" }).click();
  await expect(facilitator.getByTestId("proposal-stage")).toHaveText("In co-progettazione");
  await facilitator.getByRole("button", { name: "Sposta in: Presentata" }).click();
  await expect(facilitator.getByTestId("proposal-stage")).toHaveText("Presentata");
  // Submitted proposals are no longer editable by the lab.
  await expect(facilitator.getByTestId("proposal-editor")).toHaveAttribute("data-editable", "false");
  await expectAccessible(facilitator);

  const coordinatorContext = await browser.newContext({ locale: "it-IT", timezoneId: "Europe/Rome" });
  const coordinator = await coordinatorContext.newPage();
  await login(coordinator, "coordinatore@twb.example");
  await coordinator.getByRole("link", { name: "Decisioni" }).click();
  await coordinator.getByRole("link", { name: title }).click();
  await coordinator.getByRole("button", { name: "Sposta in: In valutazione" }).click();
  await expect(coordinator.getByTestId("proposal-stage")).toHaveText("In valutazione");

  await coordinator.getByRole("button", { name: "Sposta in: Approvata" }).click();
  await expect(coordinator.getByText("Scrivi una motivazione: accompagna la decisione.")).toBeVisible();
  await coordinator.getByLabel("Nota (motivazione)").fill("Approvata: risponde a un bisogno segnalato da tutte le scuole.");
  await coordinator.getByLabel("Costo approvato (euro all'anno)").fill("15000");
  await coordinator.getByLabel("Periodo di avvio (es. settembre 2027)").fill("settembre 2027");
  await coordinator.getByRole("button", { name: "Sposta in: Approvata" }).click();
  await expect(coordinator.getByTestId("proposal-stage")).toHaveText("Approvata");
  await expect(coordinator.getByText("Approvata: risponde a un bisogno segnalato da tutte le scuole.").first()).toBeVisible();
  await expect(coordinator.getByText("Nessuna azione disponibile per te in questa fase.")).toBeVisible();
  await expectAccessible(coordinator);

  // The lab hears about it.
  await facilitator.goto("/notifiche");
  await expect(facilitator.getByTestId("notifications")).toContainText(`«${title}» è passata alla fase: Approvata.`);
  await facilitatorContext.close();
  await coordinatorContext.close();
});
