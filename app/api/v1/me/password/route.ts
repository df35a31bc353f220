import type { AccessRule } from "@/lib/api/authorize";
import { defineRoute } from "@/lib/api/define-route";
import { readJson } from "@/lib/api/read-json";
import { requirePerson } from "@/lib/api/require-person";
import { ok } from "@/lib/api/respond";
import { reissueSessionCookie } from "@/lib/auth/reissue-session-cookie";
import { actorFromCaller } from "@/lib/services/audit/actor-from-caller";
import { changePasswordBodySchema, passwordChangedSchema } from "@/lib/services/settings/schemas";
import { changeOwnPassword } from "@/lib/services/users/change-own-password";

const rule = { auth: "required", service: "settings" } as const satisfies AccessRule;

// POST /api/v1/me/password — current password required; every other session and token ends, this browser's cookie is re-issued
export const POST = defineRoute(rule, async ({ req, caller, requestId }) => {
  const userId = requirePerson(caller);
  const body = await readJson(req, changePasswordBodySchema);
  const { generation } = await changeOwnPassword(userId, body, actorFromCaller(caller, requestId));
  const cookie = caller.auth === "session" ? await reissueSessionCookie(req, generation) : null;
  const res = ok(passwordChangedSchema.parse({ changed: true, currentSessionKept: cookie !== null }), {
    headers: { "cache-control": "no-store" },
  });
  if (cookie) res.headers.append("set-cookie", cookie);
  return res;
});
