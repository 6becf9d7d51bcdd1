import { hsdsAction, hsdsItemLoader, noQuery } from "~/hsds/api.server";
import { getHsdsService } from "~/models/hsds-catalogue.server";

// GET /api/hsds/services/{id} (HSDS 3.0 openapi.json: getFullyNestedServiceById).
export const loader = hsdsItemLoader("service", noQuery, (id) => getHsdsService(id));
export const action = hsdsAction;
