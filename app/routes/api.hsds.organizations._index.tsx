import { hsdsAction, hsdsListLoader, organizationsQuery } from "~/hsds/api.server";
import { listHsdsOrganizations } from "~/models/hsds-catalogue.server";

// GET /api/hsds/organizations (HSDS 3.0 openapi.json: getPaginatedListOfOrganizations).
export const loader = hsdsListLoader(organizationsQuery, listHsdsOrganizations);
export const action = hsdsAction;
