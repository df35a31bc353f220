import { appEnv } from "@/lib/env/app";

/** The URL a company pastes into Cal.com: each company has its own (lib/webhooks/receivers/receive-calcom-webhook.ts). */
export function calcomWebhookUrl(companyId: string): string {
  return `${appEnv().APP_URL.replace(/\/$/, "")}/api/webhooks/calcom?company=${encodeURIComponent(companyId)}`;
}
