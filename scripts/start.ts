import { launch } from "./lib/launch";

// npm start — the production build (npm run build first). A real deployment: it refuses to start
// without its secrets and seeds nothing; SWITCHBOARD_DEMO=1 runs it with the local fakes and demo data.
await launch({ mode: "start", port: Number(process.env.PORT ?? 3000), banner: true });
