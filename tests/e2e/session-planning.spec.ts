import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { expectAccessible, login } from "./support";

const LAB = "/laboratori/laboratorio-dsa-e-scuola";

test("a facilitator schedules a session with an agenda; a member finds it, answers and adds it to the calendar", async ({ browser }) => {
  const title = `Verifica del primo mese ${Date.now()}`;
  const facilitatorContext = await browser.newContext({ locale: "it-IT", timezoneId: "Europe/Rome" });
  const facilitator = await facilitatorContext.newPage();
  await login(facilitator, "facilitatore@twb.example");
  await facilitator.goto(LAB);
  await facilitator.getByRole("link", { name: "Programma una sessione" }).click();
  await expect(facilitator.getByRole("heading", { level: 1 })).toContainText("Nuova sessione");

  await facilitator.getByLabel("Titolo").fill(title);
  await facilitator.getByLabel("Obiettivo").fill("Capire che cosa ha funzionato nel primo mese di doposcuola.");
  const nextYear = new Date().getFullYear() + 1;
  await facilitator.getByLabel("Data").fill(`${nextYear}-02-12`);
  await facilitator.getByLabel("Ora di inizio").fill("18:00");
  await facilitator.getByLabel("Durata (minuti)").fill("60");
  // Neither a venue nor a link: refused, with the reason next to the field.
  await facilitator.getByLabel("Argomento del punto 1").fill("Cosa è andato bene");
  await facilitator.getByLabel("Minuti del punto 1").fill("20");
  await facilitator.getByRole("button", { name: "Programma la sessione" }).click();
  await expect(facilitator.getByText("Indica una sede o un link per partecipare a distanza.")).toBeVisible();
  await expectAccessible(facilitator);

  await facilitator.getByLabel("Sede").selectOption({ label: "Vela Dislessia" });
  await facilitator.getByRole("button", { name: "Aggiungi un punto" }).click();
  await facilitator.getByLabel("Argomento del punto 2").fill("Che cosa cambiare nella proposta");
  await facilitator.getByLabel("Minuti del punto 2").fill("30");
  await facilitator.getByLabel("Proposta collegata al punto 2").selectOption({ label: "Doposcuola inclusivo per ragazzi con DSA" });
  await facilitator.getByRole("button", { name: "Programma la sessione" }).click();

  await expect(facilitator.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(facilitator.getByText("Sessione programmata")).toBeVisible();
  await expect(facilitator.getByTestId("session-agenda")).toContainText("Che cosa cambiare nella proposta");
  await expect(facilitator.getByTestId("session-agenda").getByRole("link", { name: "Doposcuola inclusivo per ragazzi con DSA" })).toBeVisible();
  await expect(facilitator.getByText(`12 feb ${nextYear}, 18:00`)).toBeVisible();
  const sessionUrl = facilitator.url();
  await expectAccessible(facilitator);

  const memberContext = await browser.newContext({ locale: "it-IT", timezoneId: "Europe/Rome" });
  const member = await memberContext.newPage();
  await login(member, "membro@twb.example");
  await member.goto("/sessioni");
  await expect(member.getByTestId("my-sessions")).toContainText(title);
  await expectAccessible(member);
  await member.getByRole("link", { name: title }).click();
  await expect(member.getByTestId("my-response")).toHaveText("Nessuna risposta");
  await member.getByRole("button", { name: "Partecipo", exact: true }).click();
  await expect(member.getByTestId("my-response")).toHaveText("Partecipo");
  await expect(member.getByRole("button", { name: "Partecipo", exact: true })).toHaveAttribute("aria-pressed", "true");
  await expectAccessible(member);

  const download = member.waitForEvent("download");
  await member.getByRole("link", { name: "Aggiungi al calendario (.ics)" }).click();
  const file = await (await download).path();
  const ics = readFileSync(file, "utf8").replace(/\r\n[ \t]/g, "");
  expect(ics).toContain("BEGIN:VEVENT");
  expect(ics).toContain(`DTSTART:${nextYear}0212T170000Z`);
  expect(ics).toContain(sessionUrl.replace(/^https?:\/\/[^/]+/, ""));

  await facilitator.reload();
  await expect(facilitator.getByTestId("session-invitations")).toContainText("Partecipo");

  // Changed before it starts: a later time; then cancelled, and it leaves the member's list.
  facilitator.on("dialog", (dialog) => void dialog.accept());
  await facilitator.getByRole("link", { name: "Modifica la sessione" }).click();
  await expect(facilitator.getByLabel("Ora di inizio")).toHaveValue("18:00");
  await facilitator.getByLabel("Ora di inizio").fill("18:30");
  await expectAccessible(facilitator);
  await facilitator.getByRole("button", { name: "Salva le modifiche" }).click();
  await expect(facilitator.getByText(`12 feb ${nextYear}, 18:30`)).toBeVisible();
  await member.goto("/notifiche");
  await expect(member.getByTestId("notifications")).toContainText(`La sessione «${title}» è cambiata`);
  await facilitator.getByRole("link", { name: "Modifica la sessione" }).click();
  await facilitator.getByRole("button", { name: "Annulla la sessione" }).click();
  await expect(facilitator.getByText("Sessione annullata")).toBeVisible();
  await member.goto("/sessioni");
  await expect(member.getByText(title)).toHaveCount(0);
  await facilitatorContext.close();
  await memberContext.close();
});
