import { hsdsAction, hsdsItemLoader, noQuery } from "~/hsds/api.server";
import { getHsdsServiceAtLocation } from "~/models/hsds-catalogue.server";

// GET /api/hsds/service_at_locations/{id} (HSDS 3.0 openapi.json: getServiceAtLocationWithNestedDataById).
export const loader = hsdsItemLoader("service_at_location", noQuery, (id) => getHsdsServiceAtLocation(id));
export const action = hsdsAction;
