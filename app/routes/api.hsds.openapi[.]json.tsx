import type { LoaderFunctionArgs } from "@remix-run/node";
import { getEnv } from "~/env.server";
import { hsdsAction, hsdsHandle, hsdsJson } from "~/hsds/api.server";
import { readHsdsSpecFile } from "~/hsds/schemas.server";

// GET /api/hsds/openapi.json: the official HSDS 3.0 OpenAPI description (vendored, unchanged
// paths and schemas) with this API's own info and server filled in where the spec has placeholders.
export function loader({ request }: LoaderFunctionArgs) {
  return hsdsHandle(request, async () => {
    const origin = getEnv().APP_ORIGIN ?? new URL(request.url).origin;
    const spec = readHsdsSpecFile("openapi.json") as Record<string, unknown>;
    return hsdsJson({
      ...spec,
      info: {
        title: "TWB Community Labs — catalogo dei servizi (HSDS 3.0)",
        version: "3.0",
        summary: "The welfare services of the T.W.B. Community network (Como), in Open Referral HSDS 3.0",
        description: "Read-only. Only published and temporarily closed services appear.",
        license: { name: "CC BY-SA 4.0 (the HSDS specification)", url: "https://creativecommons.org/licenses/by-sa/4.0/" },
      },
      servers: [{ url: `${origin}/api/hsds` }],
    });
  });
}
export const action = hsdsAction;
