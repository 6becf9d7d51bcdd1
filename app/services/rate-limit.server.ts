import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";

// Failed logins are counted per account+address (stops guessing one password), per address
// (stops spraying many accounts) and per account (stops a botnet on one account). Counters
// live in this process: the app runs as one process by design (README, "Decisions").
const perAccountAndAddress = new RateLimiterMemory({ keyPrefix: "login_acct_ip", points: 5, duration: 15 * 60 });
const perAddress = new RateLimiterMemory({ keyPrefix: "login_ip", points: 100, duration: 15 * 60 });
const perAccount = new RateLimiterMemory({ keyPrefix: "login_acct", points: 20, duration: 60 * 60 });

export class TooManyAttemptsError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many login attempts; retry in ${retryAfterSeconds}s`);
  }
}

function keys(email: string, address: string) {
  const account = email.trim().toLowerCase();
  return { accountAndAddress: `${account}|${address}`, address, account };
}

/** Throws TooManyAttemptsError when any login counter for this email or address is exhausted. */
export async function assertLoginAllowed(email: string, address: string): Promise<void> {
  const key = keys(email, address);
  const states = await Promise.all([
    perAccountAndAddress.get(key.accountAndAddress),
    perAddress.get(key.address),
    perAccount.get(key.account),
  ]);
  const limits = [perAccountAndAddress.points, perAddress.points, perAccount.points];
  const blocked = states
    .map((state, index) => (state && state.consumedPoints >= limits[index] ? state.msBeforeNext : 0))
    .reduce((longest, ms) => Math.max(longest, ms), 0);
  if (blocked > 0) throw new TooManyAttemptsError(Math.ceil(blocked / 1000));
}

/** Counts one failed login against every counter. */
export async function recordFailedLogin(email: string, address: string): Promise<void> {
  const key = keys(email, address);
  await Promise.all([
    perAccountAndAddress.penalty(key.accountAndAddress, 1),
    perAddress.penalty(key.address, 1),
    perAccount.penalty(key.account, 1),
  ]).catch((error: unknown) => {
    if (!(error instanceof RateLimiterRes)) throw error;
  });
}

/** A successful login clears the account+address counter (not the others: they watch wider abuse). */
export async function recordSuccessfulLogin(email: string, address: string): Promise<void> {
  await perAccountAndAddress.delete(keys(email, address).accountAndAddress);
}
