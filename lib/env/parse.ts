import { z } from "zod";

/**
 * Parses one concern's variables once, lazily, and fails with a single line that names
 * every bad variable. Runtime code never loads dotenv: launchers (scripts/*) fill process.env.
 */
export function defineEnv<T extends z.ZodRawShape>(concern: string, shape: T) {
  const schema = z.object(shape);
  let cached: z.infer<typeof schema> | undefined;
  return (): z.infer<typeof schema> => {
    if (cached) return cached;
    const parsed = schema.safeParse(process.env);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
      throw new Error(`Invalid ${concern} environment: ${problems} (see .env.example)`);
    }
    cached = parsed.data;
    return cached;
  };
}

/** Treats VAR= (empty) as unset, so defaults apply. */
export const emptyToUndefined = (v: unknown) => (v === "" ? undefined : v);
