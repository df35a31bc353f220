import type { EndpointDoc } from "../types";
import { ACCOUNT_ENDPOINTS } from "./account";
import { ADMIN_ENDPOINTS } from "./admin";
import { ANALYTICS_ENDPOINTS, ANALYTICS_TAG } from "./analytics";
import { API_KEY_ENDPOINTS } from "./api-keys";
import { APPOINTMENT_ENDPOINTS, APPOINTMENTS_TAG } from "./appointments";
import { AUTH_ENDPOINTS } from "./auth";
import { BILLING_ENDPOINTS, BILLING_TAG } from "./billing";
import { CALL_ENDPOINTS } from "./calls";
import { CUSTOMER_ENDPOINTS } from "./customers";
import { DASHBOARD_ENDPOINTS } from "./dashboard";
import { EXPORT_ENDPOINTS } from "./exports";
import { SETTINGS_ENDPOINTS, SETTINGS_TAG } from "./settings";
import { TEAM_ENDPOINTS, TEAM_TAG } from "./team";

/** Tags in reading order, with what each covers. */
export const TAGS = [
  { name: "Authentication", description: "Tokens for the mobile app and scripts." },
  { name: "Account", description: "Check a credential." },
  { name: "Dashboard", description: "KPIs, daily series and the activity feed." },
  { name: "Calls", description: "Calls handled by the voice agent." },
  { name: "Customers", description: "The company's customers: search, profile, timeline, merge." },
  APPOINTMENTS_TAG,
  ANALYTICS_TAG,
  { name: "API keys", description: "Create, list, rotate and revoke the company's API keys." },
  SETTINGS_TAG,
  TEAM_TAG,
  BILLING_TAG,
  { name: "Admin", description: "Platform admins only: companies, tiers, suspensions, limit overrides." },
] as const;

/**
 * Every documented endpoint. A new route file must add itself here: tests/integration/openapi.test.ts
 * walks app/api/v1 and fails on any route this list does not name.
 */
export const ENDPOINTS: readonly EndpointDoc[] = [
  ...AUTH_ENDPOINTS,
  ...ACCOUNT_ENDPOINTS,
  ...DASHBOARD_ENDPOINTS,
  ...CALL_ENDPOINTS,
  ...APPOINTMENT_ENDPOINTS,
  ...EXPORT_ENDPOINTS,
  ...ANALYTICS_ENDPOINTS,
  ...CUSTOMER_ENDPOINTS,
  ...API_KEY_ENDPOINTS,
  ...SETTINGS_ENDPOINTS,
  ...TEAM_ENDPOINTS,
  ...BILLING_ENDPOINTS,
  ...ADMIN_ENDPOINTS,
];
