import type { LoaderFunctionArgs } from "@remix-run/node";
import { getEnv } from "~/env.server";
import { hsdsAction, hsdsHandle, hsdsJson, noQuery, parseHsdsQuery } from "~/hsds/api.server";

// GET /api/hsds/ (HSDS 3.0 openapi.json "/": getAPIMetaInformation): which HSDS version this API
// speaks, and where its OpenAPI description is.
export function loader({ request }: LoaderFunctionArgs) {
  return hsdsHandle(request, async () => {
    parseHsdsQuery(request, noQuery);
    const origin = getEnv().APP_ORIGIN ?? new URL(request.url).origin;
    return hsdsJson({
      version: "3.0",
      profile: "https://docs.openreferral.org/en/3.0/hsds/",
      openapi_url: `${origin}/api/hsds/openapi.json`,
    });
  });
}
export const action = hsdsAction;
