import { launch } from "./lib/launch";

// npm run dev — the whole product with hot reload on http://localhost:3000 (PORT to move it),
// demo data seeded into an empty database and local secrets generated into .data/local.env.
await launch({ mode: "dev", port: Number(process.env.PORT ?? 3000), banner: true });
