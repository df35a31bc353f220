import { createId } from "@/lib/ids/create-id";
import type { NewCustomer } from "../schema/customers";
import { DAY } from "./anchor";
import type { CompanyContext } from "./context";
import { person } from "./people";
import { Rng } from "./prng";

const TAGS = [
  "new-patient",
  "vip",
  "prefers-sms",
  "prefers-email",
  "insurance-verified",
  "follow-up",
  "family-plan",
  "spanish-speaking",
] as const;
const NOTES = [
  "Prefers morning appointments.",
  "Anxious about procedures; explain each step.",
  "Call the mobile number, not the landline.",
  "Referred by a friend.",
  "Has a latex allergy.",
] as const;

/** A company's customers; most joined over the past two years, some within the 90-day window. */
export function generateCustomers(ctx: CompanyContext, count: number): NewCustomer[] {
  const rng = Rng.derive(ctx.seed, `customers:${ctx.key}`);
  const offset = rng.int(0, 9_999);
  const out: NewCustomer[] = [];
  for (let i = 0; i < count; i++) {
    const p = person(rng, ctx.company.industry, i, offset);
    const createdAt = new Date(ctx.anchor.getTime() - rng.int(1, rng.chance(0.3) ? 90 : 730) * DAY + rng.int(0, DAY - 1));
    out.push({
      id: createId("customer", { at: createdAt, random: rng.next }),
      companyId: ctx.companyId,
      name: p.name,
      phone: p.phone,
      email: p.email,
      notes: rng.chance(0.15) ? rng.pick(NOTES) : null,
      tags: rng.some(TAGS, 2),
      createdAt,
      updatedAt: createdAt,
    });
  }
  return out;
}
