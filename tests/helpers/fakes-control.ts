import type { RecordedRequest } from "@/fakes/shared/fake-server";
import type { FaultOrder } from "@/fakes/shared/faults";

/** The fakes' control API over real HTTP, as a test or a person at the demo would use it. */
async function control<T>(url: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`fake control ${method} ${path} → ${res.status}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

export const fakeFaults = (url: string, order: FaultOrder) => control(url, "POST", "/__fake/faults", order);
export const fakeReset = (url: string) => control(url, "POST", "/__fake/reset");
export const fakeState = <T = Record<string, unknown[]>>(url: string) => control<T>(url, "GET", "/__fake/state");

/** Recorded API requests, optionally only those whose path starts with `path`. */
export async function fakeRequests(url: string, path?: string): Promise<RecordedRequest[]> {
  const { requests } = await control<{ requests: RecordedRequest[] }>(url, "GET", "/__fake/requests");
  return path ? requests.filter((r) => r.path.startsWith(path)) : requests;
}

export interface FakeDelivery {
  target: string;
  status: number | null;
  body: string;
  sent: { headers: Record<string, string>; body: string };
}

export const fakeSendWebhook = <T extends { deliveries: FakeDelivery[] } = { deliveries: FakeDelivery[] }>(
  url: string,
  body: Record<string, unknown>,
) => control<T>(url, "POST", "/__fake/send-webhook", body);

export const fakeControl = control;

/** A breaker name no other test shares. */
export function uniqueBreaker(prefix: string): string {
  return `test-${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}
