import { describe, expect, it } from "vitest";
import { isAnsweredCall } from "@/lib/services/calls/answered-call";
import { decodeCallCursor, encodeCallCursor } from "@/lib/services/calls/call-cursor";
import { fullTextTerms, phoneDigits } from "@/lib/services/calls/full-text-terms";
import { parseTranscript } from "@/lib/services/calls/parse-transcript";
import { pickCallIndex } from "@/lib/services/calls/pick-call-index";

describe("fullTextTerms", () => {
  it("requires every word as a prefix and strips boolean-mode operators", () => {
    expect(fullTextTerms("insurance card")).toBe("+insurance* +card*");
    expect(fullTextTerms('+root -"canal" (crown)* ~x @3 <a> >b')).toBe("+root* +canal* +crown*");
  });

  it("drops words InnoDB never indexes: shorter than 3 letters and stopwords", () => {
    expect(fullTextTerms("the cost of a crown")).toBe("+cost* +crown*");
    expect(fullTextTerms("to be or")).toBeNull();
    expect(fullTextTerms("jane.doe@example.com")).toBe("+jane* +doe* +example*");
  });

  it("phoneDigits needs 4+ digits and no letters", () => {
    expect(phoneDigits("(617) 555-0100")).toBe("6175550100");
    expect(phoneDigits("555")).toBeNull();
    expect(phoneDigits("room 1234")).toBeNull();
  });
});

describe("call cursor", () => {
  it("round-trips and refuses anything else with a 400", () => {
    const c = { startedAt: new Date("2026-03-02T10:00:00.123Z"), id: "call_01ABC" };
    expect(decodeCallCursor(encodeCallCursor(c))).toEqual(c);
    expect(encodeCallCursor(c)).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(() => decodeCallCursor("garbage")).toThrow(expect.objectContaining({ status: 400, code: "validation_failed" }));
    expect(() => decodeCallCursor(Buffer.from('{"t":"2026-03-02T10:00:00Z","id":"x","extra":1}').toString("base64url"))).toThrow();
  });
});

describe("answered", () => {
  it("is an ended call of 15 s or more that did not end on voicemail, a machine, silence or a failed dial", () => {
    const ended = { status: "ended" as const, durationMs: 60_000, disconnectionReason: "user_hangup" };
    expect(isAnsweredCall(ended)).toBe(true);
    expect(isAnsweredCall({ ...ended, disconnectionReason: null })).toBe(true);
    expect(isAnsweredCall({ ...ended, durationMs: 14_999 })).toBe(false);
    expect(isAnsweredCall({ ...ended, disconnectionReason: "voicemail_reached" })).toBe(false);
    expect(isAnsweredCall({ ...ended, disconnectionReason: "dial_no_answer" })).toBe(false);
    expect(isAnsweredCall({ ...ended, status: "error" })).toBe(false);
    expect(isAnsweredCall({ ...ended, status: "ongoing", durationMs: null })).toBe(false);
  });
});

describe("parseTranscript", () => {
  it("splits Retell's transcript into turns; unlabeled lines continue the previous turn", () => {
    expect(parseTranscript("Agent: Hello.\nUser: Hi\nthere.\n\nAgent: Bye")).toEqual([
      { speaker: "agent", text: "Hello." },
      { speaker: "user", text: "Hi\nthere." },
      { speaker: "agent", text: "Bye" },
    ]);
    expect(parseTranscript(null)).toEqual([]);
  });
});

describe("pickCallIndex", () => {
  it("names the most selective filter's index, the time index without filters", () => {
    expect(pickCallIndex({})).toBe("calls_company_started_idx");
    expect(pickCallIndex({ from: new Date() })).toBe("calls_company_started_idx");
    expect(pickCallIndex({ status: "ended", customerId: "cus_1" })).toBe("calls_company_customer_started_idx");
    expect(pickCallIndex({ status: "error", sentiment: "negative" })).toBe("calls_company_status_started_idx");
    expect(pickCallIndex({ status: "ended", sentiment: "negative" })).toBe("calls_company_sentiment_started_idx");
    expect(pickCallIndex({ status: "ended", direction: "outbound" })).toBe("calls_company_direction_started_idx");
    expect(pickCallIndex({ status: "ended", direction: "inbound" })).toBe("calls_company_status_started_idx");
  });
});
