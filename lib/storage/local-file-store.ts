import { createHash, randomUUID } from "node:crypto";
import { mkdir, open, rename, rm } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { assertStorageKey, StoredFileMissingError, type FileStore, type FileWriter } from "./file-store";

const isMissing = (err: unknown) => (err as NodeJS.ErrnoException | null)?.code === "ENOENT";

/**
 * Files on local disk under `root` (DATA_DIR): key `exports/co_1/exp_1.csv` is
 * `<root>/exports/co_1/exp_1.csv`. A writer fills `<file>.<uuid>.part` next to the target, hashing
 * as it goes, then fsyncs and renames it into place (atomic on one filesystem): readers see the old
 * file or the new one, never a partial one. Directories 0700, files 0600.
 */
export function createLocalFileStore(root: string): FileStore {
  const base = path.resolve(root);
  const pathOf = (key: string) => path.join(base, ...assertStorageKey(key).split("/"));

  return {
    kind: "local",

    async createWriter(key): Promise<FileWriter> {
      const target = pathOf(key);
      await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
      const temp = `${target}.${randomUUID()}.part`;
      const handle = await open(temp, "wx", 0o600);
      const hash = createHash("sha256");
      let size = 0;
      let state: "open" | "committed" | "aborted" = "open";

      return {
        async write(chunk) {
          if (state !== "open") throw new Error(`Writer is ${state}`);
          const bytes = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk;
          for (let offset = 0; offset < bytes.byteLength;) {
            const { bytesWritten } = await handle.write(bytes, offset);
            offset += bytesWritten;
          }
          hash.update(bytes);
          size += bytes.byteLength;
        },
        async commit() {
          if (state !== "open") throw new Error(`Writer is ${state}`);
          await handle.sync();
          await handle.close();
          await rename(temp, target);
          state = "committed";
          return { key, sizeBytes: size, sha256: hash.digest("hex") };
        },
        async abort() {
          if (state !== "open") return;
          state = "aborted";
          await handle.close().catch(() => undefined);
          await rm(temp, { force: true });
        },
      };
    },

    async open(key) {
      let handle;
      try {
        handle = await open(pathOf(key), "r");
      } catch (err) {
        if (isMissing(err)) throw new StoredFileMissingError(key);
        throw err;
      }
      try {
        const { size } = await handle.stat();
        // The stream owns the handle from here: it closes it at the end, on error, or when the client goes away.
        const body = Readable.toWeb(handle.createReadStream()) as ReadableStream<Uint8Array>;
        return { sizeBytes: size, body };
      } catch (err) {
        await handle.close().catch(() => undefined);
        throw err;
      }
    },

    async remove(key) {
      await rm(pathOf(key), { force: true });
    },
  };
}
