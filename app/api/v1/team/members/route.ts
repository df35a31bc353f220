import { defineRoute } from "@/lib/api/define-route";
import { parseQuery } from "@/lib/api/parse-query";
import { ok } from "@/lib/api/respond";
import { listMembers } from "@/lib/services/team/list-members";
import { listMembersQuerySchema, memberListSchema } from "@/lib/services/team/schemas";

// GET /api/v1/team/members — the company's people and their roles, in joining order
export const GET = defineRoute({ auth: "required", permission: "team:read", service: "team" }, async ({ req, caller }) => {
  const query = parseQuery(req, listMembersQuerySchema);
  const page = await listMembers({ companyId: caller.cid, ...query });
  return ok(memberListSchema.parse(page.items), { meta: { nextCursor: page.nextCursor } });
});
