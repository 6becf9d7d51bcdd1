import { hsdsAction, hsdsListLoader, serviceAtLocationsQuery } from "~/hsds/api.server";
import { listHsdsServiceAtLocations } from "~/models/hsds-catalogue.server";

// GET /api/hsds/service_at_locations (HSDS 3.0 openapi.json: getPaginatedListOfServiceAtLocation).
export const loader = hsdsListLoader(serviceAtLocationsQuery, listHsdsServiceAtLocations);
export const action = hsdsAction;
