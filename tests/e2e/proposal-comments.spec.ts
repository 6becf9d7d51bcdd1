import { expect, test, type Browser } from "@playwright/test";
import { expectAccessible, login } from "./support";

async function openProposal(browser: Browser, email: string) {
  const context = await browser.newContext({ locale: "it-IT", timezoneId: "Europe/Rome" });
  const page = await context.newPage();
  await login(page, email);
  await page.goto("/laboratori/laboratorio-dsa-e-scuola");
  await page.getByRole("link", { name: "Doposcuola inclusivo per ragazzi con DSA" }).click();
  await expect(page.getByTestId("connection-state")).toHaveAttribute("data-access", /edit|read/);
  return page;
}

test("a member comments on a passage mentioning the facilitator, who is notified; the highlight follows the text", async ({ browser }) => {
  const luca = await openProposal(browser, "membro@twb.example");
  const paragraph = luca.getByRole("textbox", { name: "Testo della proposta" }).locator("p", { hasText: "Ragazze e ragazzi dai 9 ai 14 anni" });
  await paragraph.click({ clickCount: 3 });
  await luca.getByRole("button", { name: "Commenta il testo selezionato" }).click();
  const form = luca.getByTestId("new-thread-form");
  await expect(form.locator("blockquote")).toContainText("Ragazze e ragazzi dai 9 ai 14 anni");
  await form.getByLabel("Commento").fill("@Elena Ronchetti includiamo anche le famiglie in attesa di diagnosi?");
  await form.getByRole("button", { name: "Pubblica il commento" }).click();
  const thread = luca.getByTestId("open-threads").locator("li.thread").first();
  await expect(thread).toContainText("includiamo anche le famiglie");
  await expect(luca.locator(".comment-highlight").first()).toContainText("Ragazze e ragazzi");
  await expectAccessible(luca);

  // Elena gets the mention in her notifications.
  const elenaContext = await browser.newContext({ locale: "it-IT" });
  const elena = await elenaContext.newPage();
  await login(elena, "facilitatore@twb.example");
  await expect(elena.getByTestId("notification-link")).toContainText("1");
  await elena.getByTestId("notification-link").click();
  await expect(elena.getByTestId("notifications")).toContainText("Luca Galli ti ha menzionato in «Doposcuola inclusivo per ragazzi con DSA».");
  await expectAccessible(elena);
  await elena.getByRole("button", { name: "Apri" }).first().click();
  await expect(elena.getByRole("heading", { level: 1, name: "Doposcuola inclusivo per ragazzi con DSA" })).toBeVisible();

  // Elena writes just before the commented passage (at the end of its heading); Luca's
  // highlight moves with the words it covers.
  const elenaEditor = elena.getByRole("textbox", { name: "Testo della proposta" });
  await elenaEditor.getByRole("heading", { name: "Destinatari" }).click();
  await elena.keyboard.press("End");
  await elena.keyboard.type(" e famiglie");
  await expect(luca.getByRole("textbox", { name: "Testo della proposta" }).getByRole("heading", { name: /Destinatari e famiglie/ })).toBeVisible();
  await expect(luca.locator(".comment-highlight").first()).toHaveText(/^Ragazze e ragazzi dai 9 ai 14 anni/);
  await expect(luca.locator(".comment-highlight", { hasText: "famiglie" }).filter({ hasText: "Destinatari" })).toHaveCount(0);

  // Elena replies and resolves; the thread moves to the resolved ones.
  const elenaThread = elena.getByTestId("open-threads").locator("li.thread").first();
  await elenaThread.getByPlaceholder("Scrivi una risposta…").fill("Sì, aggiungo una riga.");
  await elenaThread.getByRole("button", { name: "Rispondi" }).click();
  await expect(elenaThread).toContainText("Sì, aggiungo una riga.");
  // Luca, who keeps the page open, sees the reply arrive without reloading.
  await expect(thread).toContainText("Sì, aggiungo una riga.");
  await elenaThread.getByRole("button", { name: "Segna come risolto" }).click();
  await expect(elena.getByText("1 discussione risolta")).toBeVisible();
  await expect(luca.getByText("1 discussione risolta")).toBeVisible();

  await luca.context().close();
  await elenaContext.close();
});
