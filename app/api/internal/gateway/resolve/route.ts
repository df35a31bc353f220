import { z } from "zod";
import { defineRoute } from "@/lib/api/define-route";
import { ApiError } from "@/lib/api/errors";
import { authEnv } from "@/lib/env/auth";
import { INTERNAL_SIGNATURE_HEADER, verifyInternal } from "@/lib/gateway/internal-signature";
import { loadApiKeyRecordByHash } from "@/lib/gateway/sync/load-api-key-record-by-hash";
import { loadCompanyRecord } from "@/lib/gateway/sync/load-company-record";
import { loadUserRecord } from "@/lib/gateway/sync/load-user-record";

export const dynamic = "force-dynamic";

const bodySchema = z.object({ what: z.enum(["key", "company", "user"]), id: z.string().min(1).max(128) });

// POST /api/internal/gateway/resolve — the edge's miss path: load a key, company or user record from MySQL into Redis.
export const POST = defineRoute({ auth: "none" }, async ({ req }) => {
  const raw = await req.text();
  if (!(await verifyInternal(req.headers.get(INTERNAL_SIGNATURE_HEADER), raw, authEnv().GATEWAY_SIGNING_SECRET))) {
    throw new ApiError("unauthorized");
  }
  const { what, id } = bodySchema.parse(JSON.parse(raw));
  // Unknown keys are cached as negative entries by the loader; either way the edge decides again.
  const load = { key: loadApiKeyRecordByHash, company: loadCompanyRecord, user: loadUserRecord }[what];
  const found = await load(id);
  return { found: found !== null };
});
