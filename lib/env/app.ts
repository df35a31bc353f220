import { z } from "zod";
import { defineEnv, emptyToUndefined } from "./parse";

export const appEnv = defineEnv("app", {
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  APP_URL: z.preprocess(emptyToUndefined, z.string().url().default("http://localhost:3000")),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Exports, uploads and backups on local disk. */
  DATA_DIR: z.string().default("./.data"),
  DEMO_PASSWORD: z.string().min(8).default("switchboard-demo"),
});
