import { GeneralErrorBoundary } from "~/components/error-boundary";
import { notFound } from "~/utils/http.server";

// Any address no other route claims: a real 404 status with the app's 404 page.
export function loader() {
  notFound();
}

export default function NotFound() {
  return null;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
