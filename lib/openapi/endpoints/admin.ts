import {
  adminCompanyListSchema,
  adminCompanySchema,
  companyIdParamsSchema,
  listCompaniesQuerySchema,
  updateCompanyRequestSchema,
} from "@/lib/services/admin/schemas";
import { z } from "zod";
import type { EndpointDoc } from "../types";

/** The list's meta, as app/api/v1/admin/companies/route.ts writes it. */
const pageMetaSchema = z.object({ nextCursor: z.string().nullable() });

export const ADMIN_ENDPOINTS: EndpointDoc[] = [
  {
    method: "GET",
    path: "/api/v1/admin/companies",
    operationId: "listCompanies",
    tag: "Admin",
    summary: "Every company with tier, status, overrides and counts",
    auth: "required",
    platformAdmin: true,
    query: listCompaniesQuerySchema,
    response: adminCompanyListSchema,
    meta: pageMetaSchema,
  },
  {
    method: "PATCH",
    path: "/api/v1/admin/companies/{id}",
    operationId: "updateCompany",
    tag: "Admin",
    summary: "Change a company's tier, suspension or limit overrides (applies on its next request)",
    auth: "required",
    platformAdmin: true,
    params: companyIdParamsSchema,
    body: updateCompanyRequestSchema,
    response: adminCompanySchema,
  },
];
