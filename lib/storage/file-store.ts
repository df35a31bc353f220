import type { FileStorage } from "@/lib/db/schema/files";

/** What a finished write produced: the key it lives under, its size and its SHA-256 (hex). */
export interface StoredObject {
  key: string;
  sizeBytes: number;
  sha256: string;
}

/**
 * One object being written. Nothing is visible under the key until `commit()`: a crashed or
 * retried writer never leaves a half-written file where a reader would find it, and a commit
 * replaces whatever the key held before (so a retry rewrites the file from scratch).
 */
export interface FileWriter {
  /** Appends bytes (strings as UTF-8). Call it with large chunks (a batch of rows), not per row. */
  write(chunk: string | Uint8Array): Promise<void>;
  /** Makes the object visible under its key, atomically. */
  commit(): Promise<StoredObject>;
  /** Discards what was written. Safe to call twice, or after a failed write. */
  abort(): Promise<void>;
}

/** An object opened for reading. */
export interface OpenedObject {
  sizeBytes: number;
  body: ReadableStream<Uint8Array>;
}

/**
 * Where file bytes live (exports, uploads, backups); MySQL keeps only their `files` row.
 * Keys are relative paths such as `exports/<companyId>/<exportId>.csv`: the `files.path` column.
 * Only local disk is implemented; an S3-compatible store implements the same three methods
 * (a writer over a multipart upload, GetObject as a stream) and is chosen by `files.storage`.
 */
export interface FileStore {
  readonly kind: FileStorage;
  createWriter(key: string): Promise<FileWriter>;
  /** Throws StoredFileMissingError when nothing is stored under the key. */
  open(key: string): Promise<OpenedObject>;
  /** Deletes the object; nothing happens when it is already gone. */
  remove(key: string): Promise<void>;
}

/** The key names no stored object (deleted, swept, or a data directory that was wiped). */
export class StoredFileMissingError extends Error {
  constructor(key: string) {
    super(`No stored file under ${key}`);
    this.name = "StoredFileMissingError";
  }
}

const SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$/;

/**
 * Refuses any key that could leave the store's root: only `/`-separated segments of letters,
 * digits, `.`, `_`, `-`, none starting with a dot (so no `..`, no hidden files, no absolute path).
 */
export function assertStorageKey(key: string): string {
  const segments = key.split("/");
  if (key.length > 1_000 || segments.length < 1 || !segments.every((s) => SEGMENT.test(s))) throw new Error("Invalid storage key");
  return key;
}
