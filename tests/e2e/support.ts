import AxeBuilder from "@axe-core/playwright";
import { expect, type Locator, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "twb-demo-2026";

/** Logs in through the real form and waits for the signed-in header. */
export async function login(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Accedi" }).click();
  await expect(page.getByRole("button", { name: "Esci" })).toBeVisible();
}

/**
 * Waits until React has hydrated the element, i.e. attached its props and event handlers. The app
 * has no hydration marker of its own, and `novalidate` is no sign: conform renders it on the server.
 */
export async function expectHydrated(element: Locator) {
  await expect.poll(() => element.evaluate((node) => Object.keys(node).some((key) => key.startsWith("__reactProps$")))).toBe(true);
}

const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];

/**
 * Runs axe-core on the current page at desktop width and at 360 px (a small phone), and fails on
 * any serious or critical WCAG 2.2 A/AA violation, listing them.
 */
export async function expectAccessible(page: Page) {
  const original = page.viewportSize() ?? { width: 1280, height: 720 };
  for (const viewport of [original, { width: 360, height: 740 }]) {
    await page.setViewportSize(viewport);
    const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
    const serious = results.violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
    expect(
      serious.map((violation) => `${viewport.width}px ${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(" ")).join(", ")})`),
    ).toEqual([]);
  }
  await page.setViewportSize(original);
}
