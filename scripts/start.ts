import { launch } from "./lib/launch";

// npm start — the production build (npm run build first) with the same checks as dev.
await launch({ mode: "start", port: Number(process.env.PORT ?? 3000), seedIfEmpty: process.env.SEED_IF_EMPTY !== "false", banner: true });
