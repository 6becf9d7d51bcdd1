import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, login } from "./support";

// A facilitator and a member run the demo lab's session end to end in two browsers.
const SESSION_TITLE = "Come organizzare il doposcuola: spazi, orari e volontari";

async function enterRoom(page: Page) {
  await page.goto("/sessioni");
  await page.getByRole("link", { name: SESSION_TITLE }).click();
  await page.getByRole("link", { name: "Entra nella stanza della sessione" }).click();
  await expect(page.getByTestId("room-status")).toContainText("Collegato");
}

test("a facilitator and a member run a session: cards, cluster, dot voting, a consent decision, an action, the end", async ({ browser }) => {
  const facilitatorContext = await browser.newContext({ locale: "it-IT", timezoneId: "Europe/Rome" });
  const facilitator = await facilitatorContext.newPage();
  facilitator.on("dialog", (dialog) => void dialog.accept());
  await login(facilitator, "facilitatore@twb.example");
  await enterRoom(facilitator);

  const memberContext = await browser.newContext({ locale: "it-IT", timezoneId: "Europe/Rome" });
  const member = await memberContext.newPage();
  await login(member, "membro@twb.example");
  await enterRoom(member);

  // Before the start: the pre-work is on the board, the member's anonymous idea visible to its author.
  await expect(member.getByTestId("room-board")).toContainText("Coinvolgere gli studenti delle superiori come tutor alla pari.");
  await expect(facilitator.getByTestId("room-board")).toContainText("Idea anonima, non ancora rivelata");
  await expectAccessible(member);

  await facilitator.getByRole("button", { name: "Avvia la sessione" }).click();
  await expect(member.getByTestId("room-status")).toContainText("In corso");
  await facilitator.getByRole("button", { name: "Avvia il timer" }).click();
  await expect(member.getByText("In corso", { exact: true }).first()).toBeVisible();
  await expect(facilitator.getByTestId("room-people")).toContainText("Luca Galli");

  await member.getByLabel("La tua idea").fill("Aule libere il martedì pomeriggio a Olgiate");
  await member.getByRole("button", { name: "Aggiungi l'idea" }).click();
  await expect(facilitator.getByTestId("room-board")).toContainText("Aule libere il martedì pomeriggio a Olgiate");

  await facilitator.getByRole("button", { name: /^Rivela 1 idea anonima/ }).click();
  await expect(facilitator.getByTestId("room-board")).toContainText("Coinvolgere gli studenti delle superiori come tutor alla pari.");

  await facilitator.getByLabel("Nuovo gruppo").fill("Spazi");
  await facilitator.getByRole("button", { name: "Crea il gruppo" }).click();
  await facilitator.getByLabel("Sposta l'idea «Aule libere il martedì pomeriggio a Olgiate»").selectOption({ label: "Nel gruppo «Spazi»" });
  await expect(member.getByTestId("cluster-Spazi")).toContainText("Aule libere il martedì pomeriggio a Olgiate");
  await expectAccessible(facilitator);

  await facilitator.getByRole("button", { name: "Apri la votazione" }).click();
  await expect(member.getByText("Ti restano 3 punti")).toBeVisible();
  const dotOnSpaces = member.getByRole("button", { name: "+1 punto a «Spazi»" });
  await dotOnSpaces.click();
  await expect(member.getByText("Ti restano 2 punti")).toBeVisible();
  await dotOnSpaces.click();
  await expect(member.getByText("Ti resta 1 punto")).toBeVisible();
  // At most 2 dots per idea: the button is disabled now.
  await expect(dotOnSpaces).toBeDisabled();
  await facilitator.getByRole("button", { name: "Mostra i risultati" }).click();
  await expect(member.getByTestId("cluster-Spazi")).toContainText("2 punti");
  await facilitator.getByRole("button", { name: "Chiudi la votazione" }).click();

  await facilitator.getByLabel("Che cosa si decide").fill("Usiamo le aule di Olgiate il martedì");
  await facilitator.getByRole("button", { name: "Apri il giro di consenso" }).click();
  await member.getByRole("button", { name: "D'accordo" }).click();
  await expect(facilitator.getByTestId("room-decisions")).toContainText("1 d'accordo");
  await facilitator.getByRole("button", { name: "Chiudi il giro e registra la decisione" }).click();
  await expect(member.getByTestId("room-decisions")).toContainText("Decisione adottata");

  await facilitator.getByLabel("Che cosa va fatto").fill("Chiedere le chiavi delle aule alla segreteria");
  await facilitator.getByLabel("Chi se ne occupa").selectOption({ label: "Luca Galli" });
  await facilitator.getByRole("button", { name: "Aggiungi l'azione" }).click();
  await expect(member.getByTestId("room-actions")).toContainText("Chiedere le chiavi delle aule alla segreteria");
  await expectAccessible(member);

  await facilitator.getByRole("button", { name: "Concludi la sessione" }).click();
  await expect(member.getByTestId("room-status")).toContainText("Conclusa");
  await expect(facilitator.getByText("La sessione è conclusa.")).toBeVisible();

  // The minutes are drafted from the room: attendance, clusters with cards and dots, the decision, the action.
  await facilitator.getByRole("link", { name: "Apri il verbale" }).click();
  const minutes = facilitator.locator(".ProseMirror");
  await expect(minutes).toContainText("Presenti");
  await expect(minutes).toContainText("Luca Galli");
  await expect(minutes).toContainText("Spazi · 2 punti");
  await expect(minutes).toContainText("Aule libere il martedì pomeriggio a Olgiate");
  await expect(minutes).toContainText("Usiamo le aule di Olgiate il martedì");
  await expect(minutes).toContainText("Esito: adottata");
  await expect(minutes).toContainText("Chiedere le chiavi delle aule alla segreteria");
  // The facilitator completes them, then closes the session: they become final for everyone.
  await minutes.click();
  await facilitator.keyboard.press("Control+End");
  await facilitator.keyboard.type("Prossimo incontro a gennaio.");
  await expect(minutes).toContainText("Prossimo incontro a gennaio.");
  await expectAccessible(facilitator);
  await facilitator.getByRole("button", { name: "Chiudi la sessione" }).click();
  await expect(facilitator.getByTestId("minutes-final")).toBeVisible();

  await member.goto(facilitator.url());
  await expect(member.getByTestId("session-status")).toHaveText("Conclusa");
  await expect(member.getByText("Prossimo incontro a gennaio.")).toBeVisible();
  await expect(member.getByText("Esito: adottata")).toBeVisible();
  await expect(member.getByRole("link", { name: "Scarica il verbale in PDF" })).toBeVisible();
  await expectAccessible(member);

  await facilitatorContext.close();
  await memberContext.close();
});
