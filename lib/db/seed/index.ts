export { seedDemo, SEED_DEFAULTS, type SeedOptions, type SeedReport } from "./seed-demo";
export { isDatabaseSeeded } from "./is-database-seeded";
export { seedAnchor } from "./anchor";
export { DEMO_COMPANIES, DEMO_CREDENTIALS, DEMO_ROOT_EMAIL, DEMO_USERS, type DemoCompanyKey } from "./demo-accounts";
export { DEMO_EPOCH, fixedId } from "./fixed-id";
