import { z } from "zod";
import { defineEnv, emptyToUndefined } from "./parse";

/** atob, not Buffer: this module is parsed on the edge runtime too. */
function base64Of32Bytes(v: string): boolean {
  try {
    return atob(v).length === 32;
  } catch {
    return false;
  }
}

const secret = z.string().min(32, "must be at least 32 characters (npm run dev generates one into .data/local.env)");

/** Secrets for sessions, tokens, the signed gateway context and encryption at rest. */
export const authEnv = defineEnv("auth", {
  NEXTAUTH_SECRET: secret,
  NEXTAUTH_URL: z.preprocess(emptyToUndefined, z.string().url().optional()),
  GATEWAY_SIGNING_SECRET: secret,
  /** base64 of 32 random bytes: AES-256-GCM key for integration credentials at rest. */
  ENCRYPTION_KEY: z.string().refine(base64Of32Bytes, "must be base64 of 32 bytes"),
  /** Comma-separated proxy IPs whose X-Forwarded-For is believed. */
  TRUSTED_PROXIES: z.string().default(""),
});
