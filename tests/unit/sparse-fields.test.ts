import { describe, expect, it } from "vitest";
import { defineRoute } from "@/lib/api/define-route";
import { ok } from "@/lib/api/respond";

describe("fields= sparse fieldsets", () => {
  const list = defineRoute({ auth: "none" }, async () =>
    ok(
      [
        { id: "call_1", status: "ended", transcript: "long" },
        { id: "call_2", status: "ongoing", transcript: "long" },
      ],
      { meta: { nextCursor: "c" }, headers: { "x-cache": "HIT" } },
    ),
  );
  const one = defineRoute({ auth: "none" }, async () => ({ id: "call_1", status: "ended", transcript: "long" }));

  it("keeps only the asked fields, on lists and single objects, with meta and headers intact", async () => {
    const res = await list(new Request("http://x/api/v1/calls?fields=id,status"));
    expect(res.headers.get("x-cache")).toBe("HIT");
    expect(await res.json()).toEqual({
      data: [
        { id: "call_1", status: "ended" },
        { id: "call_2", status: "ongoing" },
      ],
      meta: { nextCursor: "c" },
    });
    expect(await (await one(new Request("http://x/api/v1/calls/call_1?fields=status"))).json()).toEqual({ data: { status: "ended" } });
  });

  it("answers 400 naming an unknown field and what is available", async () => {
    const res = await one(new Request("http://x/api/v1/calls/call_1?fields=status,passwordHash"));
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.message).toContain("passwordHash");
    expect(body.error.details[0].message).toContain("transcript");
  });

  it("changes nothing without fields=", async () => {
    expect(await (await one(new Request("http://x/api/v1/calls/call_1"))).json()).toEqual({
      data: { id: "call_1", status: "ended", transcript: "long" },
    });
  });
});
