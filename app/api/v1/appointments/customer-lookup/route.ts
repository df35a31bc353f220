import { defineRoute } from "@/lib/api/define-route";
import { parseQuery } from "@/lib/api/parse-query";
import { customerLookupQuerySchema, customerLookupSchema } from "@/lib/services/appointments/schemas";
import { lookupCustomers } from "@/lib/services/customers/lookup-customers";

// GET /api/v1/appointments/customer-lookup — up to 10 customers by name/email prefix or phone digits, to book
export const GET = defineRoute({ auth: "required", permission: "appointments:write", service: "appointments" }, async ({ req, caller }) => {
  const { q } = parseQuery(req, customerLookupQuerySchema);
  return customerLookupSchema.parse(await lookupCustomers(caller.cid, q));
});
