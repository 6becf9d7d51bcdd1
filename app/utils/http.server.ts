import { data } from "@remix-run/node";

/** Throws a 403 Response, rendered by the nearest ErrorBoundary. */
export function forbidden(message = "Forbidden"): never {
  throw data({ message }, { status: 403, statusText: "Forbidden" });
}

/** Throws a 404 Response, rendered by the nearest ErrorBoundary. */
export function notFound(message = "Not found"): never {
  throw data({ message }, { status: 404, statusText: "Not Found" });
}

/** Asks a policy: throws 403 unless it allows. */
export function requireAllowed(allowed: boolean): void {
  if (!allowed) forbidden();
}

/** A same-site path to go back to after login; anything else (other hosts, "//evil") becomes "/". */
export function safeRedirectPath(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  return to;
}
