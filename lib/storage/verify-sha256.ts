import { createHash } from "node:crypto";

/** The bytes read do not hash to what was recorded when the file was written. */
export class StoredFileCorruptError extends Error {
  constructor() {
    super("Stored file does not match its recorded SHA-256");
    this.name = "StoredFileCorruptError";
  }
}

/**
 * Passes a stream through while hashing it, holding back its last chunk until the whole stream is
 * hashed: on a mismatch the stream errors before that chunk is sent, so a client never receives a
 * complete copy of a corrupted or swapped file (it sees an aborted download). Costs no second read.
 */
export function verifySha256(expectedHex: string, onMismatch?: () => void): TransformStream<Uint8Array, Uint8Array> {
  const hash = createHash("sha256");
  let held: Uint8Array | null = null;
  return new TransformStream({
    transform(chunk, controller) {
      hash.update(chunk);
      if (held) controller.enqueue(held);
      held = chunk;
    },
    flush(controller) {
      if (hash.digest("hex") !== expectedHex.toLowerCase()) {
        onMismatch?.();
        controller.error(new StoredFileCorruptError());
        return;
      }
      if (held) controller.enqueue(held);
    },
  });
}
