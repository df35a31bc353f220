/** The business services of the design card; each runs in-process unless pointed at remote instances. */
export const BUSINESS_SERVICES = ["dashboard", "calls", "appointments", "customers", "analytics", "settings", "billing", "team"] as const;

export type BusinessService = (typeof BUSINESS_SERVICES)[number];

/** Service names: also part of Redis keys and metric labels. */
export const SERVICE_NAME = /^[a-z][a-z0-9-]{0,63}$/;
