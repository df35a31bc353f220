import { describe, expect, it } from "vitest";
import { createId, ID_PREFIXES, idTime, type IdKind } from "@/lib/ids/create-id";
import { idSchema } from "@/lib/ids/id-schema";
import { isId } from "@/lib/ids/is-id";
import { resolveRequestId } from "@/lib/gateway/request-id";
import { stripGatewayHeaders } from "@/lib/gateway/strip-gateway-headers";

describe("ids", () => {
  it("carry their prefix and sort by creation time", () => {
    const a = createId("call", { at: 1_700_000_000_000 });
    const b = createId("call", { at: 1_700_000_000_001 });
    expect(a).toMatch(/^call_[0-9A-Z]{26}$/);
    expect(a < b).toBe(true);
    expect(idTime(a).getTime()).toBe(1_700_000_000_000);
  });

  it("are deterministic with an injected random source", () => {
    const rnd = () => 0.5;
    expect(createId("customer", { at: 0, random: rnd })).toBe(createId("customer", { at: 0, random: rnd }));
  });
});

describe("id validation", () => {
  it("any id: letters, digits and underscores, 1 to 40 of them", () => {
    expect(isId(createId("call"))).toBe(true);
    expect(isId("co_fwd")).toBe(true);
    for (const bad of ["", "x".repeat(41), "co_1 ", "co-1", "co_1;--", "ç", "co_1\n", null, undefined, 42, {}])
      expect(isId(bad)).toBe(false);
  });

  it("an id of one kind: its own prefix and createId's 26-character body, and no other kind's", () => {
    for (const kind of Object.keys(ID_PREFIXES) as IdKind[]) {
      const id = createId(kind);
      expect(isId(id, kind)).toBe(true);
      expect(isId(id.slice(0, -1), kind)).toBe(false);
      expect(isId(`${id}0`, kind)).toBe(false);
    }
    expect(isId(createId("customer"), "call")).toBe(false);
    expect(isId("co_fwd", "company")).toBe(false);
  });

  it("the zod schema says the same, with a message naming the kind", () => {
    expect(idSchema("company").safeParse(createId("company")).success).toBe(true);
    const refused = idSchema("company").safeParse(createId("apiKey"));
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toBe("Not a company id.");
    expect(idSchema().safeParse("usr_1").success).toBe(true);
    expect(idSchema().safeParse("usr 1").success).toBe(false);
  });
});

describe("request id", () => {
  it("keeps a valid id and replaces an unsafe one", () => {
    expect(resolveRequestId("abcDEF-123_456.789")).toBe("abcDEF-123_456.789");
    expect(resolveRequestId("short")).toMatch(/^req_/);
    expect(resolveRequestId("has space in it ok")).toMatch(/^req_/);
    expect(resolveRequestId("x".repeat(200))).toMatch(/^req_/);
    expect(resolveRequestId(null)).toMatch(/^req_/);
  });

  it("drops every client-sent x-gateway-* header", () => {
    const h = stripGatewayHeaders(new Headers({ "X-Gateway-Context": "forged", "x-gateway-user": "root", accept: "application/json" }));
    expect([...h.keys()]).toEqual(["accept"]);
  });

  it("drops a client's trace context: a caller cannot choose the trace id nor force sampling on", () => {
    const h = stripGatewayHeaders(
      new Headers({
        traceparent: "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
        tracestate: "vendor=x",
        baggage: "user=1",
        accept: "application/json",
      }),
    );
    expect([...h.keys()]).toEqual(["accept"]);
  });
});
