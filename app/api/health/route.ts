import { defineRoute } from "@/lib/api/define-route";

export const dynamic = "force-dynamic";

const startedAt = Date.now();

// GET /api/health — liveness: the process is up and serving. Touches no dependency.
export const GET = defineRoute({ auth: "none" }, async () => ({
  status: "ok",
  uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
  version: process.env.npm_package_version ?? "dev",
}));
