import { writeFileSync } from "node:fs";
import path from "node:path";
import { renderApiRoutesModule, scanApiRoutes } from "./lib/scan-api-routes";

// Writes lib/gateway/api-routes.ts from app/api/**/route.ts: run it after adding, removing or changing the methods of a route.
const root = path.resolve(import.meta.dirname, "..");
const routes = scanApiRoutes(root);
writeFileSync(path.join(root, "lib", "gateway", "api-routes.ts"), renderApiRoutesModule(routes));
console.log(`lib/gateway/api-routes.ts: ${routes.length} routes`);
