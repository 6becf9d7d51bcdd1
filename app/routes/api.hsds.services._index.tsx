import { hsdsAction, hsdsListLoader, servicesQuery } from "~/hsds/api.server";
import { listHsdsServices } from "~/models/hsds-catalogue.server";

// GET /api/hsds/services (HSDS 3.0 openapi.json: getPaginatedListOfServices).
export const loader = hsdsListLoader(servicesQuery, listHsdsServices);
export const action = hsdsAction;
