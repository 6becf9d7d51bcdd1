import { expect, test, type Browser, type Page } from "@playwright/test";
import { closeDocument, openDocument } from "../support/collab-client";
import { expectAccessible, login } from "./support";

const LAB = "/laboratori/laboratorio-dsa-e-scuola";

async function openSeededProposal(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext({ locale: "it-IT", timezoneId: "Europe/Rome" });
  const page = await context.newPage();
  await login(page, email);
  await page.goto(LAB);
  await page.getByRole("link", { name: "Doposcuola inclusivo per ragazzi con DSA" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Doposcuola inclusivo per ragazzi con DSA" })).toBeVisible();
  await expect(page.getByTestId("connection-state")).toHaveAttribute("data-access", /edit|read/);
  return page;
}

const editor = (page: Page) => page.getByRole("textbox", { name: "Testo della proposta" });

test("two lab members co-write the seeded proposal, each seeing the other's words and caret; the observer only reads", async ({ browser }) => {
  const elena = await openSeededProposal(browser, "facilitatore@twb.example");
  const luca = await openSeededProposal(browser, "membro@twb.example");
  const paolo = await openSeededProposal(browser, "osservatore@twb.example");

  await expect(elena.getByTestId("presence-list")).toContainText("Luca Galli");
  await expect(elena.getByTestId("presence-list")).toContainText("Elena Ronchetti (tu)");
  await expect(luca.getByTestId("presence-list")).toContainText("Elena Ronchetti");
  await expectAccessible(elena);

  // Elena types at the end of the text; Luca and the observer see it.
  await editor(elena).click();
  await elena.keyboard.press("Control+End");
  await elena.keyboard.type(" Proposta di Elena.");
  await expect(editor(luca)).toContainText("Proposta di Elena.");
  await expect(editor(paolo)).toContainText("Proposta di Elena.");
  // Luca sees Elena's named caret.
  await expect(luca.locator(".collaboration-carets__label", { hasText: "Elena Ronchetti" })).toBeVisible();

  // Then Luca answers; Elena sees his words and his caret.
  await editor(luca).click();
  await luca.keyboard.press("Control+End");
  await luca.keyboard.type(" Risposta di Luca.");
  await expect(editor(elena)).toContainText("Risposta di Luca.");
  await expect(elena.locator(".collaboration-carets__label", { hasText: "Luca Galli" })).toBeVisible();

  // The observer sees the text change but cannot type.
  await expect(paolo.getByText("Sola lettura: puoi leggere ma non modificare questa proposta.")).toBeVisible();
  await expect(editor(paolo)).toHaveAttribute("contenteditable", "false");
  await expect(paolo.getByRole("toolbar", { name: "Formattazione" })).toHaveCount(0);
  await editor(paolo).click();
  await paolo.keyboard.type("Testo dell'osservatore");
  await expect(editor(elena)).toContainText("Risposta di Luca.");
  await expect(editor(elena)).not.toContainText("Testo dell'osservatore");
  await expectAccessible(paolo);

  for (const page of [elena, luca, paolo]) await page.context().close();
});

test("a person outside the lab gets a 403 page and cannot open the document over the socket", async ({ browser }) => {
  const insider = await openSeededProposal(browser, "membro@twb.example");
  const proposalUrl = insider.url();
  const documentName = `proposal:${proposalUrl.split("/").pop()}`;
  const memberSession = (await insider.context().cookies()).find((cookie) => cookie.name === "__twb_session")!;
  const memberCookie = `${memberSession.name}=${memberSession.value}`;
  await insider.context().close();

  const context = await browser.newContext({ locale: "it-IT" });
  const outsider = await context.newPage();
  await login(outsider, "azienda@twb.example");
  const response = await outsider.goto(proposalUrl);
  expect(response?.status()).toBe(403);
  await expect(outsider.getByRole("heading", { level: 1, name: "Accesso non consentito" })).toBeVisible();

  // Straight to the socket with the outsider's own session cookie: the server refuses the document.
  const session = (await context.cookies()).find((cookie) => cookie.name === "__twb_session");
  expect(session).toBeDefined();
  const baseUrl = new URL(proposalUrl).origin;
  const outcome = await openDocument(baseUrl, documentName, `${session!.name}=${session!.value}`);
  expect(outcome.status).toBe("refused");
  // The same document opens for a lab member, so the refusal is about the person, not the name.
  const member = await openDocument(baseUrl, documentName, memberCookie);
  expect(member.status).toBe("synced");
  closeDocument(member);
  await context.close();
});

test("a member who loses the connection sees it, keeps writing, and the words merge when it comes back", async ({ browser }) => {
  const elena = await openSeededProposal(browser, "facilitatore@twb.example");

  // Luca's browser reaches /collab through a switch this test can turn off, like a dropped network.
  const context = await browser.newContext({ locale: "it-IT", timezoneId: "Europe/Rome" });
  let online = true;
  const open: Array<{ close: () => Promise<void> }> = [];
  await context.routeWebSocket(/\/collab$/, (socket) => {
    if (!online) {
      void socket.close({ code: 4000, reason: "offline" });
      return;
    }
    socket.connectToServer();
    open.push(socket);
  });
  const luca = await context.newPage();
  await login(luca, "membro@twb.example");
  await luca.goto(LAB);
  await luca.getByRole("link", { name: "Doposcuola inclusivo per ragazzi con DSA" }).click();
  await expect(luca.getByTestId("connection-state")).toHaveAttribute("data-access", "edit");
  await expect(elena.getByTestId("presence-list")).toContainText("Luca Galli");

  online = false;
  await Promise.all(open.splice(0).map((socket) => socket.close()));
  await expect(luca.getByTestId("connection-state")).toContainText("Sei offline");
  await expectAccessible(luca);

  // Both write while apart: Luca at the start, Elena at the end.
  await editor(luca).click();
  await luca.keyboard.press("Control+Home");
  await luca.keyboard.type("Scritto senza rete. ");
  await editor(elena).click();
  await elena.keyboard.press("Control+End");
  await elena.keyboard.type(" Aggiunta di Elena durante la disconnessione.");
  await expect(editor(elena)).not.toContainText("Scritto senza rete.");

  online = true;
  await expect(editor(elena)).toContainText("Scritto senza rete.", { timeout: 20_000 });
  await expect(editor(luca)).toContainText("Aggiunta di Elena durante la disconnessione.");
  await expect(luca.getByTestId("connection-state")).not.toContainText("Sei offline");

  await context.close();
  await elena.context().close();
});
