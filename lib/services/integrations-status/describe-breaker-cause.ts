/**
 * A breaker transition's cause in words fit for a company's settings page. The breaker records
 * `"<n> failures within <w> s, last: <Error>: <message>"` or `"probe failed: …"` (lib/breaker/lua.ts),
 * where the error part is whatever the client threw; only its kind is kept here, so no text from a
 * vendor or from our internals reaches a client.
 */
export function describeBreakerCause(cause: string): string {
  const opened = /^(\d+) failures within (\d+(?:\.\d+)?) s, last: ([\s\S]*)$/.exec(cause);
  if (opened) return `${opened[1]} failures within ${opened[2]} s; the last one ${failureKind(opened[3]!)}.`;
  const probe = /^probe failed: ([\s\S]*)$/.exec(cause);
  if (probe) return `The first call after the pause ${failureKind(probe[1]!)}, so it paused again.`;
  return `A call ${failureKind(cause)}.`;
}

function failureKind(error: string): string {
  if (error === "timeout") return "timed out";
  // VendorError: a 5xx, no answer at all, or a body that broke the contract (lib/integrations/http).
  if (error.startsWith("VendorError:")) return "got an error answer or no answer";
  return "failed";
}
