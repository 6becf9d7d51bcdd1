import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, expectHydrated, login } from "./support";

test("a member submits a good practice, a coordinator validates it, a visitor finds it and the coordinator starts a lab from it", async ({ browser }) => {
  const stamp = Date.now().toString(36);
  const title = `Merende di solidarietà ${stamp}`;

  const memberContext = await browser.newContext({ locale: "it-IT" });
  const member = await memberContext.newPage();
  await login(member, "membro@twb.example");
  await member.getByRole("link", { name: "Buone prassi", exact: true }).first().click();
  await member.getByRole("link", { name: "Proponi una buona prassi" }).click();
  // Clicked at once, hydrated or not: the browser's check and the server's answer show the same errors
  // (the last test below checks both on purpose).
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

/** The error messages shown next to the fields, in page order. */
function fieldErrors(page: Page) {
  return page.locator(".field-errors li").allInnerTexts();
}

test("an incomplete practice is refused with every error shown, by the browser once hydrated and by the server before, and nothing is saved", async ({
  browser,
}) => {
  const title = `Pratica senza organizzazioni ${Date.now().toString(36)}`;
  const memberContext = await browser.newContext({ locale: "it-IT" });
  const member = await memberContext.newPage();
  await login(member, "membro@twb.example");

  // Hydrated: conform checks the empty form in the browser, posts nothing and shows every error.
  const posts: string[] = [];
  member.on("request", (request) => void (request.method() === "POST" && posts.push(request.url())));
  await member.goto("/buone-prassi/nuova");
  await expectHydrated(member.locator("form#good-practice"));
  await member.getByRole("button", { name: "Invia per la validazione" }).click();
  await expect(member.getByText("Scegli almeno un'organizzazione coinvolta.")).toBeVisible();
  await expect(member.getByLabel("Titolo")).toBeFocused();
  const browserErrors = await fieldErrors(member);
  expect(browserErrors).toHaveLength(8);
  expect(posts).toEqual([]);

  // Never hydrated (a slow phone whose scripts have not arrived): the browser posts the form itself,
  // and the server's answer shows the same errors. The app's scripts are blocked rather than
  // JavaScript switched off, since axe needs JavaScript to run.
  const noScriptContext = await browser.newContext({ locale: "it-IT", storageState: await memberContext.storageState() });
  await noScriptContext.route(/\/assets\/.*\.js$/, (route) => route.abort());
  const noScript = await noScriptContext.newPage();
  await noScript.goto("/buone-prassi/nuova");
  const submitWithoutScript = async () => {
    const [response] = await Promise.all([
      noScript.waitForResponse((response) => response.request().method() === "POST"),
      noScript.getByRole("button", { name: "Invia per la validazione" }).click(),
    ]);
    expect(response.status()).toBe(400);
    await noScript.waitForLoadState();
  };
  await submitWithoutScript();
  await expect(noScript.getByText("Scegli almeno un'organizzazione coinvolta.")).toBeVisible();
  expect(await fieldErrors(noScript)).toEqual(browserErrors);
  await expectAccessible(noScript);

  // Everything but the organizations: still refused, and what was typed comes back.
  await noScript.getByLabel("Titolo").fill(title);
  await noScript.getByLabel("Contesto").fill("Le famiglie arrivate da poco non sanno a chi chiedere per iscrivere i figli a scuola.");
  await noScript.getByLabel("Modello di collaborazione").fill("Lo sportello comunale accoglie, la cooperativa accompagna, la scuola riserva un colloquio.");
  await noScript.getByLabel("Risorse").fill("Un mediatore culturale per quattro ore a settimana.");
  await noScript.getByLabel("Risultati").fill("Trenta iscrizioni accompagnate in un anno.");
  await noScript.getByLabel("Evidenze").fill("Registro dello sportello.");
  await noScript.getByLabel("Persona di contatto", { exact: true }).fill("Luca Galli");
  await submitWithoutScript();
  expect(await fieldErrors(noScript)).toEqual(["Scegli almeno un'organizzazione coinvolta."]);
  await expect(noScript.getByLabel("Titolo")).toHaveValue(title);
  await expect(noScript).toHaveURL(/\/buone-prassi\/nuova$/);
  await expectAccessible(noScript);

  // Nothing was saved: the coordinator has nothing new to review.
  const coordinatorContext = await browser.newContext({ locale: "it-IT" });
  const coordinator = await coordinatorContext.newPage();
  await login(coordinator, "coordinatore@twb.example");
  await coordinator.goto("/buone-prassi");
  await expect(coordinator.getByTestId("practices-to-review")).toContainText("Revisione scaduta");
  await expect(coordinator.getByTestId("practices-to-review")).not.toContainText(title);

  await memberContext.close();
  await noScriptContext.close();
  await coordinatorContext.close();
});
