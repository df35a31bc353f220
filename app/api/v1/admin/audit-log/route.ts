import { defineRoute } from "@/lib/api/define-route";
import { parseQuery } from "@/lib/api/parse-query";
import { ok } from "@/lib/api/respond";
import { listAuditLog } from "@/lib/services/admin/list-audit-log";
import { adminAuditListSchema, listAuditLogQuerySchema } from "@/lib/services/admin/schemas";

// GET /api/v1/admin/audit-log — every audited action, newest first, by company / actor / action (platform admins)
export const GET = defineRoute({ auth: "required", platformAdmin: true }, async ({ req }) => {
  const page = await listAuditLog(parseQuery(req, listAuditLogQuerySchema));
  return ok(adminAuditListSchema.parse(page.items), { meta: { nextCursor: page.nextCursor } });
});
