import type { AccessRule } from "@/lib/api/authorize";
import { defineRoute } from "@/lib/api/define-route";
import { readJson } from "@/lib/api/read-json";
import { requirePerson } from "@/lib/api/require-person";
import { actorFromCaller } from "@/lib/services/audit/actor-from-caller";
import { confirmEmailChange } from "@/lib/services/users/confirm-email-change";
import { confirmEmailBodySchema, emailConfirmedSchema } from "@/lib/services/settings/schemas";

const rule = { auth: "required", service: "settings" } as const satisfies AccessRule;

// POST /api/v1/me/email/confirm — the link's token, by the person it was sent for: the new email takes effect (once)
export const POST = defineRoute(rule, async ({ req, caller, requestId }) => {
  const userId = requirePerson(caller);
  const { token } = await readJson(req, confirmEmailBodySchema);
  return emailConfirmedSchema.parse(await confirmEmailChange(userId, token, actorFromCaller(caller, requestId)));
});
