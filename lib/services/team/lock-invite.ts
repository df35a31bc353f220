import { eq } from "drizzle-orm";
import { invites, type Invite } from "@/lib/db/schema/invites";
import { findOneOr404, forCompany, type Tx } from "@/lib/db/tenant";

/** The company's invite, row-locked; another company's id answers 404 like an unknown one. */
export function lockInvite(tx: Tx, companyId: string, id: string): Promise<Invite> {
  return findOneOr404(
    tx
      .select()
      .from(invites)
      .where(forCompany(invites, companyId, eq(invites.id, id)))
      .limit(1)
      .for("update"),
    "No such invite.",
  );
}
