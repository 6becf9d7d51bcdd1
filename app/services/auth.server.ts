import { redirect } from "@remix-run/node";
import { Authenticator } from "remix-auth";
import { FormStrategy } from "remix-auth-form";
import { getSessionUserById, verifyLogin, type SessionUser } from "~/models/user.server";
import type { Actor } from "~/policies";
import { loginFormSchema } from "~/schemas/account";
import { assertLoginAllowed, recordFailedLogin, recordSuccessfulLogin } from "./rate-limit.server";
import { commitSession, destroySession, getSession } from "./session.server";

export type { SessionUser };

/** Thrown by the login strategy; `reason` picks the message, never revealing whether the email exists. */
export class LoginError extends Error {
  constructor(
    readonly reason: "invalid" | "rate_limited",
    readonly retryAfterSeconds = 0,
  ) {
    super(reason);
  }
}

// Where the request came from, handed over by the Express host (see server/index.ts).
const clientAddresses = new WeakMap<Request, string>();

const authenticator = new Authenticator<SessionUser>();
authenticator.use(
  new FormStrategy(async ({ form, request }) => {
    const parsed = loginFormSchema.safeParse(Object.fromEntries(form));
    if (!parsed.success) throw new LoginError("invalid");
    const { email, password } = parsed.data;
    const address = clientAddresses.get(request) ?? "unknown";
    try {
      await assertLoginAllowed(email, address);
    } catch (error) {
      if (error instanceof Error && "retryAfterSeconds" in error) {
        throw new LoginError("rate_limited", Number(error.retryAfterSeconds));
      }
      throw error;
    }
    const user = await verifyLogin(email, password);
    if (!user) {
      await recordFailedLogin(email, address);
      throw new LoginError("invalid");
    }
    await recordSuccessfulLogin(email, address);
    return user;
  }),
  "form",
);

/** Runs the login form strategy; resolves to the user or throws LoginError. */
export async function authenticateWithForm(request: Request, clientAddress: string): Promise<SessionUser> {
  clientAddresses.set(request, clientAddress);
  try {
    return await authenticator.authenticate("form", request);
  } catch (error) {
    if (error instanceof LoginError) throw error;
    if (error instanceof Error && error.cause instanceof LoginError) throw error.cause;
    throw error;
  }
}

/** Starts a session for the user and redirects; the session id is never reused from before login. */
export async function createUserSession(request: Request, user: SessionUser, redirectTo: string) {
  const previous = await getSession(request.headers.get("Cookie"));
  const session = await getSession(null);
  const toast = previous.get("toast");
  if (toast) session.flash("toast", toast);
  session.set("userId", user.id);
  session.set("version", user.sessionVersion);
  return redirect(redirectTo, { headers: { "Set-Cookie": await commitSession(session) } });
}

/**
 * The signed-in, active user behind a Cookie header, or null. A session issued before the last
 * password change (older version) no longer counts.
 */
export async function getUserFromCookie(cookieHeader: string | null | undefined): Promise<SessionUser | null> {
  const session = await getSession(cookieHeader);
  const userId = session.get("userId");
  if (!userId) return null;
  const user = await getSessionUserById(userId);
  if (!user || user.sessionVersion !== session.get("version")) return null;
  return user;
}

/** The signed-in user of a request, or null. */
export function getOptionalUser(request: Request): Promise<SessionUser | null> {
  return getUserFromCookie(request.headers.get("Cookie"));
}

/** The signed-in user, or a redirect to the login page that comes back here afterwards. */
export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getOptionalUser(request);
  if (user) return user;
  const url = new URL(request.url);
  const redirectTo = `${url.pathname}${url.search}`;
  throw redirect(`/login?${new URLSearchParams({ redirectTo })}`);
}

/** The policies' view of a user. */
export function toActor(user: SessionUser | null): Actor {
  return user ? { id: user.id, role: user.role, organizationIds: user.organizationIds } : null;
}

/** Ends the session and goes to the login page (the replacement cookie only carries the goodbye message). */
export async function logout(request: Request, toast?: string) {
  const session = await getSession(request.headers.get("Cookie"));
  if (!toast) return redirect("/login", { headers: { "Set-Cookie": await destroySession(session) } });
  const fresh = await getSession(null);
  fresh.flash("toast", toast);
  return redirect("/login", { headers: { "Set-Cookie": await commitSession(fresh) } });
}

/** Re-issues the current session with the user's new version (after a password change). */
export async function refreshSessionVersion(request: Request, version: number, toast?: string): Promise<HeadersInit> {
  const session = await getSession(request.headers.get("Cookie"));
  session.set("version", version);
  if (toast) session.flash("toast", toast);
  return { "Set-Cookie": await commitSession(session) };
}
