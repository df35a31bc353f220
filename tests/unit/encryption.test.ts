import { describe, expect, it } from "vitest";
import { credentialContext, decryptSecret, DecryptionError, encryptSecret } from "@/lib/crypto/encryption";

/** Flips one bit of the base64 field at `index` (1 iv, 2 tag, 3 ciphertext). */
function tamper(envelope: string, index: number): string {
  const parts = envelope.split(":");
  const bytes = Buffer.from(parts[index]!, "base64");
  bytes[0] = bytes[0]! ^ 0x01;
  parts[index] = bytes.toString("base64");
  return parts.join(":");
}

describe("encryptSecret / decryptSecret", () => {
  it("round-trips, including unicode and empty strings", () => {
    for (const plain of ["sk_live_123", "", "pässwörd 🔑", "x".repeat(5000)]) {
      expect(decryptSecret(encryptSecret(plain))).toBe(plain);
    }
  });

  it("writes a versioned envelope with a fresh 12-byte IV each time", () => {
    const a = encryptSecret("same");
    const b = encryptSecret("same");
    expect(a).toMatch(/^v1:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]*$/);
    expect(Buffer.from(a.split(":")[1]!, "base64")).toHaveLength(12);
    expect(Buffer.from(a.split(":")[2]!, "base64")).toHaveLength(16);
    expect(a).not.toBe(b);
    expect(a).not.toContain("same");
  });

  it("detects tampering with the IV, the tag or the ciphertext", () => {
    const envelope = encryptSecret("retell-key-123");
    for (const index of [1, 2, 3]) {
      expect(() => decryptSecret(tamper(envelope, index))).toThrow(DecryptionError);
    }
  });

  it("refuses truncated tags, unknown versions and garbage", () => {
    const [, iv, tag, data] = encryptSecret("x").split(":");
    const shortTag = Buffer.from(tag!, "base64").subarray(0, 4).toString("base64");
    expect(() => decryptSecret(`v1:${iv}:${shortTag}:${data}`)).toThrow(DecryptionError);
    expect(() => decryptSecret(`v2:${iv}:${tag}:${data}`)).toThrow(DecryptionError);
    expect(() => decryptSecret("not an envelope")).toThrow(DecryptionError);
  });

  it("binds an envelope to its context: moved to another company or column it does not decrypt", () => {
    const context = credentialContext("co_A", "retell_api_key_enc");
    const envelope = encryptSecret("secret", context);
    expect(decryptSecret(envelope, context)).toBe("secret");
    expect(() => decryptSecret(envelope, credentialContext("co_B", "retell_api_key_enc"))).toThrow(DecryptionError);
    expect(() => decryptSecret(envelope, credentialContext("co_A", "sendgrid_api_key_enc"))).toThrow(DecryptionError);
    expect(() => decryptSecret(envelope)).toThrow(DecryptionError);
  });
});
