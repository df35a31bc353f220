import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { POST as resolveRoute } from "@/app/api/internal/gateway/resolve/route";
import { POST as issueToken } from "@/app/api/v1/auth/token/route";
import type { Role } from "@/lib/auth/roles";
import { startInternalOrigin, throughGateway } from "./gateway-harness";

export const ORIGIN = "http://localhost:3000";

export type Envelope = { error: { code: string; message: string; requestId: string } };

// Each test file loads this module afresh: a random start keeps files of one run off each other's addresses.
let ipSeq = Math.floor(Math.random() * 60_000);
/** A client address no earlier request of this run used (layer 1 counts per IP). */
export const freshIp = () => `100.${64 + Math.floor(ipSeq / 62_500)}.${Math.floor(ipSeq / 250) % 250}.${1 + (ipSeq++ % 250)}`;

/**
 * A request as the middleware receives it: a NextRequest (next-auth reads the session cookie from
 * its parsed cookies), from a fresh client IP unless one is given.
 */
export function edgeRequest(path: string, init: { method?: string; headers?: Record<string, string>; body?: unknown; base?: string } = {}) {
  const headers = new Headers(init.headers);
  if (!headers.has("x-forwarded-for")) headers.set("x-forwarded-for", freshIp());
  if (init.body !== undefined) headers.set("content-type", "application/json");
  return new NextRequest(new URL(path, init.base ?? ORIGIN), {
    method: init.method ?? "GET",
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
}

/** The Node side of the miss path, counting how often the edge called it (each call is a MySQL read). */
export async function startCountingOrigin() {
  const counter = { resolves: 0 };
  const origin = await startInternalOrigin(async (r) => {
    counter.resolves++;
    return resolveRoute(r);
  });
  return Object.assign(origin, { counter });
}

/** POST /api/v1/auth/token through the gateway. */
export async function tokenPair(email: string, password: string, internalOrigin: string) {
  const res = await throughGateway(edgeRequest("/api/v1/auth/token", { method: "POST", body: { email, password } }), issueToken, {
    internalOrigin,
  });
  const body = (await res.json()) as { data: { accessToken: string; refreshToken: string } } & Partial<Envelope>;
  return { status: res.status, ...body };
}

/** The next-auth session cookie a browser holds after signing in (JWT strategy). */
export async function sessionCookie(p: {
  userId: string;
  companyId: string | null;
  role: Role | null;
  isPlatformAdmin?: boolean;
  /** The session generation it was issued under (default 0, a person who never signed out). */
  gen?: number;
  /** Epoch seconds of the sign-in (default now). */
  authAt?: number;
}) {
  const jwt = await encode({
    token: {
      uid: p.userId,
      companyId: p.companyId,
      companyName: null,
      role: p.role,
      isPlatformAdmin: p.isPlatformAdmin ?? false,
      gen: p.gen ?? 0,
      authAt: p.authAt ?? Math.floor(Date.now() / 1000),
    },
    secret: process.env.NEXTAUTH_SECRET!,
  });
  return `next-auth.session-token=${jwt}`;
}
