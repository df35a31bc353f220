import { defineRoute } from "@/lib/api/define-route";

export const dynamic = "force-dynamic";

// GET /api/ping — public uptime probe; passes through the gateway without authentication or limits.
export const GET = defineRoute({ auth: "none" }, async () => ({ pong: true }));
