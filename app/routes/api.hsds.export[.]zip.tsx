import type { LoaderFunctionArgs } from "@remix-run/node";
import { hsdsAction, hsdsHandle, noQuery, parseHsdsQuery } from "~/hsds/api.server";
import { exportCatalogueZip } from "~/hsds/export.server";

// GET /api/hsds/export.zip: the whole published catalogue as an HSDS 3.0 tabular data package
// (datapackage.json and one CSV per table), public like the rest of the API.
export function loader({ request }: LoaderFunctionArgs) {
  return hsdsHandle(request, async () => {
    parseHsdsQuery(request, noQuery);
    const zip = await exportCatalogueZip();
    const day = new Date().toISOString().slice(0, 10);
    return new Response(Buffer.from(zip), {
      headers: {
        "Content-Type": "application/zip",
        "Content-Disposition": `attachment; filename="catalogo-hsds-${day}.zip"`,
        "Access-Control-Allow-Origin": "*",
        "Cache-Control": "no-cache",
      },
    });
  });
}
export const action = hsdsAction;
