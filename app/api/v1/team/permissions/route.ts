import { defineRoute } from "@/lib/api/define-route";
import { permissionMatrix } from "@/lib/services/team/permission-matrix";
import { permissionMatrixSchema } from "@/lib/services/team/schemas";

// GET /api/v1/team/permissions — the role × permission matrix the API enforces
export const GET = defineRoute({ auth: "required", permission: "team:read", service: "team" }, async () =>
  permissionMatrixSchema.parse(permissionMatrix()),
);
