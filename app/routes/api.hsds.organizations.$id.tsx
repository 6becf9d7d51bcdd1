import { hsdsAction, hsdsItemLoader, organizationQuery } from "~/hsds/api.server";
import { getHsdsOrganization } from "~/models/hsds-catalogue.server";

// GET /api/hsds/organizations/{id} (HSDS 3.0 openapi.json: getOrganizationById).
export const loader = hsdsItemLoader("organization", organizationQuery, (id, query) => getHsdsOrganization(id, Boolean(query.full_service)));
export const action = hsdsAction;
