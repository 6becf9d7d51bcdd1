import { expect, test } from "@playwright/test";
import { expectAccessible, login } from "./support";

test.describe("login and logout", () => {
  test("a member logs in with the right password and lands on their home page", async ({ page }) => {
    await page.goto("/login");
    await expectAccessible(page);
    await login(page, "membro@twb.example");
    await expect(page.getByRole("heading", { level: 1, name: "Ciao Luca Galli" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Il Seme" })).toBeVisible();
    await expectAccessible(page);
  });

  test("a wrong password is refused with a message that does not reveal whether the email exists", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("Email").fill("membro@twb.example");
    await page.getByLabel("Password", { exact: true }).fill("not-the-password");
    await page.getByRole("button", { name: "Accedi" }).click();
    const alert = page.getByRole("alert");
    await expect(alert).toHaveText("Email o password non corretti.");

    await page.getByLabel("Email").fill("nessuno@twb.example");
    await page.getByLabel("Password", { exact: true }).fill("whatever-password");
    await page.getByRole("button", { name: "Accedi" }).click();
    await expect(page.getByRole("alert")).toHaveText("Email o password non corretti.");
    await expect(page.getByRole("link", { name: "Accedi" })).toBeVisible();
    await expectAccessible(page);
  });

  test("an invalid email shows the error next to the field", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("Email").fill("non-una-email");
    await page.getByLabel("Password", { exact: true }).fill("x");
    await page.getByRole("button", { name: "Accedi" }).click();
    await expect(page.getByText("Inserisci un indirizzo email valido.")).toBeVisible();
    await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
  });

  test("logout ends the session", async ({ page }) => {
    await login(page, "membro@twb.example");
    await page.getByRole("button", { name: "Esci" }).click();
    await expect(page).toHaveURL(/\/login$/);
    await expect(page.getByRole("status")).toHaveText("Sei uscito dal tuo account.");
    await page.goto("/persone");
    await expect(page).toHaveURL(/\/login\?redirectTo=%2Fpersone/);
  });
});

test.describe("access control", () => {
  test("an anonymous visitor is sent to login from a member page, and comes back after logging in", async ({ page }) => {
    await page.goto("/persone");
    await expect(page).toHaveURL(/\/login\?redirectTo=%2Fpersone/);
    await page.getByLabel("Email").fill("scuola@twb.example");
    await page.getByLabel("Password", { exact: true }).fill("twb-demo-2026");
    await page.getByRole("button", { name: "Accedi" }).click();
    await expect(page).toHaveURL(/\/persone$/);
    await expect(page.getByRole("heading", { level: 1, name: "Persone della rete" })).toBeVisible();
    await expectAccessible(page);
  });

  test("a member is refused an admin page with a 403 page", async ({ page }) => {
    await login(page, "membro@twb.example");
    const response = await page.goto("/admin/registro");
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { level: 1, name: "Accesso non consentito" })).toBeVisible();
    await expectAccessible(page);
  });

  test("an unknown address shows the 404 page", async ({ page }) => {
    const response = await page.goto("/pagina-che-non-esiste");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "Pagina non trovata" })).toBeVisible();
  });
});
