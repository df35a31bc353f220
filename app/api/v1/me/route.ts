import type { AccessRule } from "@/lib/api/authorize";
import { defineRoute } from "@/lib/api/define-route";
import { readJson } from "@/lib/api/read-json";
import { requirePerson } from "@/lib/api/require-person";
import { ok } from "@/lib/api/respond";
import { actorFromCaller } from "@/lib/services/audit/actor-from-caller";
import { meSchema, updateMeBodySchema } from "@/lib/services/settings/schemas";
import { getMe } from "@/lib/services/users/get-me";
import { updateMe } from "@/lib/services/users/update-me";

const rule = { auth: "required", service: "settings" } as const satisfies AccessRule;

// GET /api/v1/me — the signed-in person: name, email, an email change waiting for its link, role
export const GET = defineRoute(rule, async ({ caller }) => {
  const me = await getMe(requirePerson(caller), { role: caller.role, isPlatformAdmin: caller.pa });
  return ok(meSchema.parse(me), { headers: { "cache-control": "no-store" } });
});

// PATCH /api/v1/me — name at once; a new email is mailed a confirmation link and changes only when it is opened
export const PATCH = defineRoute(rule, async ({ req, caller, requestId }) => {
  const userId = requirePerson(caller);
  const body = await readJson(req, updateMeBodySchema);
  const me = await updateMe(userId, body, { actor: actorFromCaller(caller, requestId), role: caller.role, isPlatformAdmin: caller.pa });
  return meSchema.parse(me);
});
