import type { BusinessHours } from "../schema/company-settings";
import type { Tier } from "../schema/companies";
import type { Role } from "../schema/memberships";

/** The SPEC's demo contract ("Demo data and local run"): tests and docs sign in with these. */
export const DEMO_COMPANIES = {
  acme: {
    slug: "acme-dental",
    name: "Acme Dental",
    tier: "PRO" as Tier,
    timezone: "America/New_York",
    /** Hours behind UTC, close enough to place calls inside business hours. */
    utcOffsetHours: -5,
    phone: "+16175550100",
    billingEmail: "billing@acme.test",
    industry: "dental",
    /** Its share of the generated customers and calls. */
    share: 0.8,
    businessHours: {
      mon: [{ open: "08:00", close: "17:00" }],
      tue: [{ open: "08:00", close: "17:00" }],
      wed: [{ open: "08:00", close: "19:00" }],
      thu: [{ open: "08:00", close: "17:00" }],
      fri: [{ open: "08:00", close: "15:00" }],
      sat: [{ open: "09:00", close: "13:00" }],
    } satisfies BusinessHours,
  },
  globex: {
    slug: "globex-clinic",
    name: "Globex Clinic",
    tier: "FREE" as Tier,
    timezone: "America/Chicago",
    utcOffsetHours: -6,
    phone: "+13125550142",
    billingEmail: "owner@globex.test",
    industry: "clinic",
    share: 0.2,
    businessHours: {
      mon: [{ open: "09:00", close: "18:00" }],
      tue: [{ open: "09:00", close: "18:00" }],
      wed: [{ open: "09:00", close: "18:00" }],
      thu: [{ open: "09:00", close: "18:00" }],
      fri: [{ open: "09:00", close: "18:00" }],
    } satisfies BusinessHours,
  },
} as const;

export type DemoCompanyKey = keyof typeof DEMO_COMPANIES;
export type DemoCompany = (typeof DEMO_COMPANIES)[DemoCompanyKey];

export const DEMO_USERS: readonly {
  email: string;
  name: string;
  isPlatformAdmin: boolean;
  company?: DemoCompanyKey;
  role?: Role;
}[] = [
  { email: "owner@acme.test", name: "Sarah Chen", isPlatformAdmin: false, company: "acme", role: "owner" },
  { email: "admin@acme.test", name: "Marcus Reed", isPlatformAdmin: false, company: "acme", role: "admin" },
  { email: "member@acme.test", name: "Priya Patel", isPlatformAdmin: false, company: "acme", role: "member" },
  { email: "viewer@acme.test", name: "Tom Becker", isPlatformAdmin: false, company: "acme", role: "viewer" },
  { email: "owner@globex.test", name: "Hank Scorpio", isPlatformAdmin: false, company: "globex", role: "owner" },
  { email: "root@switchboard.test", name: "Platform Root", isPlatformAdmin: true },
];

/** The platform admin: its presence is what "the database is seeded" means. */
export const DEMO_ROOT_EMAIL = "root@switchboard.test";

/**
 * Integration credentials stored (encrypted) in the demo companies' settings. Not secrets: local fake
 * servers for Retell, Cal.com and SendGrid accept them, and Retell webhooks to the demo are signed with
 * the Retell key.
 */
export const DEMO_CREDENTIALS: Record<
  DemoCompanyKey,
  {
    retellApiKey: string;
    retellAgentId: string;
    calcomApiKey: string;
    calcomWebhookSecret: string;
    calcomEventTypeId: string;
    sendgridApiKey: string;
  }
> = {
  acme: {
    retellApiKey: "key_demo_acme_0f3b9c2d7e614a58b1c4",
    retellAgentId: "agent_demo_acme_frontdesk",
    calcomApiKey: "cal_test_demo_acme_5d1e8a7b3c2f",
    calcomWebhookSecret: "whsec_demo_acme_9a8b7c6d5e4f",
    calcomEventTypeId: "1001",
    sendgridApiKey: "SG.demo_acme.2b7c9e1f4a6d8c3b",
  },
  globex: {
    retellApiKey: "key_demo_globex_7a1c5e9b3d2f4c68a0e1",
    retellAgentId: "agent_demo_globex_reception",
    calcomApiKey: "cal_test_demo_globex_8c4a2e6f1b9d",
    calcomWebhookSecret: "whsec_demo_globex_1f2e3d4c5b6a",
    calcomEventTypeId: "2001",
    sendgridApiKey: "SG.demo_globex.6e2a8c4f1b7d9e3a",
  },
};
