import {
  adminAuditListSchema,
  adminCompanyDetailSchema,
  adminCompanyListSchema,
  adminCompanySchema,
  companyIdParamsSchema,
  companyPreviewSchema,
  listAuditLogQuerySchema,
  listCompaniesQuerySchema,
  previewCompanyRequestSchema,
  updateCompanyRequestSchema,
} from "@/lib/services/admin/schemas";
import { z } from "zod";
import type { EndpointDoc } from "../types";

/** The lists' meta, as app/api/v1/admin/companies/route.ts and audit-log/route.ts write it. */
const pageMetaSchema = z.object({ nextCursor: z.string().nullable() });

export const ADMIN_ENDPOINTS: EndpointDoc[] = [
  {
    method: "GET",
    path: "/api/v1/admin/companies",
    operationId: "listCompanies",
    tag: "Admin",
    summary: "Every company with tier, status, overrides, counts and last hour's requests and 429s; search and filter by tier and status",
    auth: "required",
    platformAdmin: true,
    query: listCompaniesQuerySchema,
    response: adminCompanyListSchema,
    meta: pageMetaSchema,
  },
  {
    method: "GET",
    path: "/api/v1/admin/companies/{id}",
    operationId: "getCompany",
    tag: "Admin",
    summary: "One company with tier, status, overrides, counts, last hour's traffic and its effective limits per layer",
    auth: "required",
    platformAdmin: true,
    params: companyIdParamsSchema,
    response: adminCompanyDetailSchema,
  },
  {
    method: "PATCH",
    path: "/api/v1/admin/companies/{id}",
    operationId: "updateCompany",
    tag: "Admin",
    summary:
      "Change a company's tier, suspension or limit overrides, with an optional note for the audit log (applies on its next request)",
    auth: "required",
    platformAdmin: true,
    params: companyIdParamsSchema,
    body: updateCompanyRequestSchema,
    response: adminCompanySchema,
  },
  {
    method: "POST",
    path: "/api/v1/admin/companies/{id}/preview",
    operationId: "previewCompanyLimits",
    tag: "Admin",
    summary:
      "What a tier or override change would do: each limit before and after, and last hour's requests each layer would refuse (replayed from the edge's per-minute counts)",
    auth: "required",
    platformAdmin: true,
    params: companyIdParamsSchema,
    body: previewCompanyRequestSchema,
    response: companyPreviewSchema,
  },
  {
    method: "GET",
    path: "/api/v1/admin/audit-log",
    operationId: "listAuditLog",
    tag: "Admin",
    summary: "Every audited action, newest first, by company, actor and action (keyset cursor)",
    auth: "required",
    platformAdmin: true,
    query: listAuditLogQuerySchema,
    response: adminAuditListSchema,
    meta: pageMetaSchema,
  },
];
