import { describe, expect, it } from "vitest";
import { assertLoginAllowed, recordFailedLogin, recordSuccessfulLogin, TooManyAttemptsError } from "~/services/rate-limit.server";

describe("login rate limit", () => {
  it("blocks an account from one address after 5 failures, whatever the email's case", async () => {
    const email = `limit-${Math.random()}@example.org`;
    for (let attempt = 0; attempt < 5; attempt++) {
      await assertLoginAllowed(email, "10.0.0.1");
      await recordFailedLogin(attempt % 2 ? email.toUpperCase() : email, "10.0.0.1");
    }
    await expect(assertLoginAllowed(email, "10.0.0.1")).rejects.toBeInstanceOf(TooManyAttemptsError);
    // Another address for the same account is still allowed (the per-account budget is larger).
    await expect(assertLoginAllowed(email, "10.0.0.2")).resolves.toBeUndefined();
  });

  it("a success clears the account+address counter", async () => {
    const email = `reset-${Math.random()}@example.org`;
    for (let attempt = 0; attempt < 4; attempt++) await recordFailedLogin(email, "10.0.1.1");
    await recordSuccessfulLogin(email, "10.0.1.1");
    for (let attempt = 0; attempt < 4; attempt++) await recordFailedLogin(email, "10.0.1.1");
    await expect(assertLoginAllowed(email, "10.0.1.1")).resolves.toBeUndefined();
  });

  it("blocks an address that sprays many accounts", async () => {
    const address = `10.9.${Math.floor(Math.random() * 255)}.1`;
    for (let attempt = 0; attempt < 100; attempt++) await recordFailedLogin(`spray-${attempt}@example.org`, address);
    await expect(assertLoginAllowed("someone-new@example.org", address)).rejects.toBeInstanceOf(TooManyAttemptsError);
  });
});
