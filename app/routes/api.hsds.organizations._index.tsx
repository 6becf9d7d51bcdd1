import { hsdsAction, hsdsListLoader, organizationsQuery } from "~/hsds/api.server";
import { hsdsOrganizationsListing } from "~/models/hsds-catalogue.server";

// GET /api/hsds/organizations (HSDS 3.0 openapi.json: getPaginatedListOfOrganizations).
export const loader = hsdsListLoader(organizationsQuery, hsdsOrganizationsListing);
export const action = hsdsAction;
