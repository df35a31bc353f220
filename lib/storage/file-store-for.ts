import { appEnv } from "@/lib/env/app";
import type { FileStorage } from "@/lib/db/schema/files";
import type { FileStore } from "./file-store";
import { createLocalFileStore } from "./local-file-store";

let local: FileStore | undefined;

/**
 * The store new files are written to (no argument) or the one a `files` row names (`files.storage`).
 * Local disk under DATA_DIR is the only one implemented: S3-compatible storage is a second
 * FileStore chosen here by env (bucket, endpoint, keys) once it is needed; until then a row that
 * says "s3" cannot be read and says so.
 */
export function fileStore(kind: FileStorage = "local"): FileStore {
  if (kind === "s3") throw new Error("S3 file storage is not configured in this deployment");
  local ??= createLocalFileStore(appEnv().DATA_DIR);
  return local;
}
