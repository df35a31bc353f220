import { describe, expect, it, vi } from "vitest";
import { ApiClientError } from "@/components/data/api-error";
import { applyApiErrors } from "@/components/forms/apply-api-errors";
import { statusLabel } from "@/components/ui/status-badge";

describe("applyApiErrors", () => {
  const err = (details: Array<Record<string, unknown>>) =>
    new ApiClientError({ status: 400, code: "validation_failed", message: "The request has invalid fields.", details });

  it("puts each known field's message on that field and focuses the first", () => {
    const setError = vi.fn();
    const applied = applyApiErrors(
      err([
        { field: "phone", message: "Not a phone number" },
        { field: "email", message: "Taken" },
      ]),
      setError,
      ["phone", "email", "name"],
    );
    expect(applied).toBe(true);
    expect(setError).toHaveBeenNthCalledWith(1, "phone", { type: "server", message: "Not a phone number" }, { shouldFocus: true });
    expect(setError).toHaveBeenNthCalledWith(2, "email", { type: "server", message: "Taken" }, { shouldFocus: false });
  });

  it("fields the form does not have go to root.server; errors without details are left to the caller", () => {
    const setError = vi.fn();
    expect(applyApiErrors(err([{ field: "(body)", message: "Bad" }]), setError, ["name"])).toBe(false);
    expect(setError).toHaveBeenCalledWith("root.server", { type: "server", message: "The request has invalid fields." });
    const other = vi.fn();
    expect(applyApiErrors(new Error("x"), other, ["name"])).toBe(false);
    expect(other).not.toHaveBeenCalled();
  });
});

describe("statusLabel", () => {
  it("says statuses in words", () => {
    expect(statusLabel("no_show")).toBe("No-show");
    expect(statusLabel("scheduled")).toBe("Scheduled");
    expect(statusLabel("half_open")).toBe("Half open");
  });
});
