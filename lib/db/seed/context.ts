import type { DemoCompany, DemoCompanyKey } from "./demo-accounts";

/** What the generators of one demo company need to know. */
export type CompanyContext = {
  key: DemoCompanyKey;
  company: DemoCompany;
  companyId: string;
  /** Seeded API keys, for usage by key. */
  apiKeyIds: string[];
  anchor: Date;
  seed: number;
};
