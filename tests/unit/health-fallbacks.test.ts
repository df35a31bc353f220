import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { FallbackAnswers, otherFallbacks } from "@/app/(app)/health/_components/fallback-answers";

describe("health view: fallback answers that no breaker row shows", () => {
  it("lists MySQL, the rate limiter and services, most first, leaving vendors to their breaker rows", () => {
    const entries = otherFallbacks({ calcom: 4, mysql: 2, "rate-limiter": 9, "service:billing": 1, registry: 0 }, ["calcom", "retell"]);
    expect(entries).toEqual([
      ["rate-limiter", 9],
      ["mysql", 2],
      ["service:billing", 1],
    ]);
    const html = renderToStaticMarkup(createElement(FallbackAnswers, { entries }));
    expect(html).toContain("MySQL down: cached reads answered from their last entry");
    expect(html).toContain("Service billing: fallback answer");
    expect(html).not.toContain("calcom");
  });

  it("renders nothing when there were none", () => {
    expect(otherFallbacks(null, [])).toEqual([]);
    expect(renderToStaticMarkup(createElement(FallbackAnswers, { entries: [] }))).toBe("");
  });
});
