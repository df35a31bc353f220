/**
 * Values a local run uses when the environment names none: the local fake vendor servers
 * (fakes/**, `npm run fakes`) accept these, and lib/env/integrations.ts falls back to them outside
 * live production. None of them is a secret: they only open doors on 127.0.0.1. Production refuses
 * to start with any of them (`productionSecretProblems` in lib/env/production-secrets.ts, called by
 * `refuseUnsafeProduction`) unless the operator asked for the demo with SWITCHBOARD_DEMO=1.
 */
export const LOCAL_FAKE_PORTS = { retell: 4010, calcom: 4011, stripe: 4012, sendgrid: 4013 } as const;

export const LOCAL_DEFAULTS = {
  retellApiUrl: `http://127.0.0.1:${LOCAL_FAKE_PORTS.retell}`,
  calcomApiUrl: `http://127.0.0.1:${LOCAL_FAKE_PORTS.calcom}`,
  stripeApiUrl: `http://127.0.0.1:${LOCAL_FAKE_PORTS.stripe}`,
  sendgridApiUrl: `http://127.0.0.1:${LOCAL_FAKE_PORTS.sendgrid}`,
  /** Platform-level keys (companies without their own credential use these). */
  retellApiKey: "key_local_platform_5f0c1a9e7b3d4c2a8e6f",
  calcomApiKey: "cal_test_local_platform_3e9a7c5b1d",
  calcomWebhookSecret: "whsec_cal_local_platform_7d3f1b9e",
  stripeSecretKey: "sk_test_switchboard_local_fake_4c8e2a6d0b",
  stripeWebhookSecret: "whsec_switchboard_local_fake_9b1d5f3a7c2e",
  sendgridApiKey: "SG.local_platform.8a2c6e0f4b9d1e7a",
  /**
   * Public half (base64 DER SubjectPublicKeyInfo, the format SendGrid shows) of a fixed ECDSA P-256
   * test key pair; the SendGrid fake signs event webhooks with its private half
   * (fakes/sendgrid/key-pair.ts). Test-only: generated once for this repository.
   */
  sendgridWebhookPublicKey:
    "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEjZdCnj9Y7kp9PNwfxkA92Rn8PDAQO+0GH3saCG23163UTuuOuLDL1DadSipzHpF/JmOMd+ZJ+55zNRhHfV4sTA==",
} as const;
