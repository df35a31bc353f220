import { LOCAL_DEFAULTS } from "@/lib/integrations/local-defaults";

/**
 * The fixed ECDSA P-256 test key pair the SendGrid fake signs event webhooks with by default, so a
 * local app configured with the default SENDGRID_WEBHOOK_PUBLIC_KEY verifies them. Test-only, not
 * a secret: it was generated once for this repository and signs nothing real.
 */
export const FIXED_SENDGRID_KEY_PAIR = {
  /** base64 DER PKCS#8. */
  privateKey:
    "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgSznOM1uBk1PlX5D2JxrtjlTAZvw3TlQXL05NKr5gu7qhRANCAASNl0KeP1juSn083B/GQD3ZGfw8MBA77QYfexoIbbfXrdRO6464sMvUNp1KKnMekX8mY4x35kn7nnM1GEd9XixM",
  /** base64 DER SPKI, as SendGrid shows a verification key. */
  publicKey: LOCAL_DEFAULTS.sendgridWebhookPublicKey,
} as const;
