import { request as httpRequest } from "node:http";
import { brotliDecompressSync, gunzipSync, inflateSync } from "node:zlib";
import { chromium, type Browser, type BrowserContext } from "@playwright/test";

/** What one script costs: the bytes the server sent (gzip, as a browser asks for it) and what they decode to. */
export interface ScriptBytes {
  url: string;
  /** Body bytes as they crossed the socket (Content-Encoding applied), counted on the raw stream. */
  wire: number;
  /** The same body decoded. */
  decoded: number;
  encoding: string;
}

/** The JavaScript one page load fetched, split into what the HTML asks for and what loaded after. */
export interface PageJs {
  path: string;
  /** Scripts the page's HTML references (its `<script>` tags and the flight data's client chunks): needed to hydrate. */
  initial: ScriptBytes[];
  /** Scripts fetched after that until the page settled (lazy chunks: charts in view …). */
  later: ScriptBytes[];
  /** Chromium's own count of the encoded body bytes, for the same scripts: a cross-check of `wire`. */
  chromiumWire: number;
}

const DECODERS: Record<string, (b: Buffer) => Buffer> = {
  gzip: gunzipSync,
  br: brotliDecompressSync,
  deflate: inflateSync,
  identity: (b) => b,
};

const SETTLE_MS = 2_000;
const MAX_WAIT_MS = 30_000;

export const sum = (list: readonly ScriptBytes[], key: "wire" | "decoded") => list.reduce((n, s) => n + s[key], 0);

/**
 * GETs a URL the way a browser does (`Accept-Encoding: gzip, deflate, br`) over node:http, which does
 * not decode: the data events carry the body exactly as sent, so their length is the bytes on the wire.
 */
export function wireBytes(url: string, headers: Record<string, string> = {}): Promise<ScriptBytes> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers: { "accept-encoding": "gzip, deflate, br", ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("error", reject);
      res.on("end", () => {
        if ((res.statusCode ?? 0) >= 400) return reject(new Error(`${url} answered ${res.statusCode}`));
        const raw = Buffer.concat(chunks);
        const encoding = String(res.headers["content-encoding"] ?? "identity");
        const decode = DECODERS[encoding];
        if (!decode) return reject(new Error(`${url}: unexpected Content-Encoding ${encoding}`));
        const decoded = decode(raw).length;
        resolve({ url, wire: raw.length, decoded, encoding });
      });
    });
    req.on("error", reject);
    req.end();
  });
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking"],
  });
}

/** Signs in through the /signin form and returns the session's cookies. */
export async function signInCookies(browser: Browser, base: string, email: string, password: string) {
  const ctx = await browser.newContext();
  try {
    const page = await ctx.newPage();
    await page.goto(`${base}/signin`);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/dashboard/);
    return await ctx.cookies();
  } finally {
    await ctx.close();
  }
}

/**
 * Opens `path` in a fresh context (nothing cached: a first visit) with the given cookies at a desktop
 * size, waits until no script or data request has moved for 2 s after `load`, and measures every script it
 * fetched on the wire.
 */
export async function measurePageJs(
  browser: Browser,
  base: string,
  path: string,
  cookies: Awaited<ReturnType<BrowserContext["cookies"]>>,
): Promise<PageJs> {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    await ctx.addCookies(cookies);
    const page = await ctx.newPage();
    const fetched: Array<Promise<{ url: string; wire: number }>> = [];
    // Scripts, and the data requests whose answers mount lazy parts (a chart renders when its data is in).
    const settling = new Set(["script", "fetch", "xhr"]);
    let lastActivityAt = Date.now();
    page.on("request", (req) => {
      if (settling.has(req.resourceType())) lastActivityAt = Date.now();
    });
    page.on("requestfinished", (req) => {
      if (settling.has(req.resourceType())) lastActivityAt = Date.now();
      if (req.resourceType() !== "script") return;
      fetched.push(req.sizes().then((s) => ({ url: req.url(), wire: s.responseBodySize })));
    });
    const doc = await page.goto(base + path, { waitUntil: "load" });
    if (!doc?.ok()) throw new Error(`${path} answered ${doc?.status()}`);
    // Settled: no script or data request started or finished for SETTLE_MS (a live page's event stream
    // never lets the whole network go idle), at most MAX_WAIT_MS.
    const deadline = Date.now() + MAX_WAIT_MS;
    while (Date.now() - lastActivityAt < SETTLE_MS && Date.now() < deadline) await page.waitForTimeout(250);
    const html = await doc.text();
    const seen = await Promise.all(fetched);
    const urls = [...new Set(seen.map((s) => s.url))];
    const measured = await Promise.all(urls.map((u) => wireBytes(u)));
    const inHtml = (u: string) => html.includes(new URL(u).pathname);
    return {
      path,
      initial: measured.filter((s) => inHtml(s.url)),
      later: measured.filter((s) => !inHtml(s.url)),
      chromiumWire: seen.reduce((n, s) => n + s.wire, 0),
    };
  } finally {
    await ctx.close();
  }
}
