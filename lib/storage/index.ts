// File storage (exports, uploads, backups): bytes on local disk by default, rows in `files`.
export {
  assertStorageKey,
  StoredFileMissingError,
  type FileStore,
  type FileWriter,
  type OpenedObject,
  type StoredObject,
} from "./file-store";
export { fileStore } from "./file-store-for";
export { createLocalFileStore } from "./local-file-store";
export { StoredFileCorruptError, verifySha256 } from "./verify-sha256";
