import { z } from "zod";
import { defineEnv, emptyToUndefined } from "./parse";

/** MySQL / MariaDB. Node runtime only: the edge never opens a TCP connection. */
export const dbEnv = defineEnv("database", {
  DATABASE_URL: z.preprocess(emptyToUndefined, z.string().url().default("mysql://root@127.0.0.1:3306/switchboard")),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
});
