import { UnrecoverableError } from "bullmq";
import { z } from "zod";
import type { JobPayload } from "../definitions";
import { sealedLinkSchema } from "./sealed-link";

type Template = JobPayload<"email-send">["template"];

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

const url = z
  .string()
  .url()
  .refine((u) => /^https?:\/\//.test(u), "must be an http(s) URL");

/** What each template needs in `data` (checked when the job runs: a payload that breaks it is not retried). */
const DATA = {
  // acceptUrl, resetUrl and confirmUrl carry secret tokens: they arrive sealed (see sealed-link.ts)
  invite: z.object({
    companyName: z.string().min(1),
    inviterName: z.string().min(1),
    role: z.string().min(1),
    acceptUrl: sealedLinkSchema,
  }),
  "export-ready": z.object({ downloadUrl: url, exportName: z.string().min(1).default("Your export"), expiresAt: z.string().optional() }),
  "password-reset": z.object({ resetUrl: sealedLinkSchema }),
  "email-change": z.object({ name: z.string().min(1), confirmUrl: sealedLinkSchema, expiresAt: z.string().min(1) }),
  "email-change-notice": z.object({ name: z.string().min(1), newEmail: z.string().min(1) }),
  "usage-alert": z.object({
    companyName: z.string().min(1),
    percent: z.number().int().min(1).max(100),
    used: z.number().int().min(0),
    limit: z.number().int().min(1),
    billingUrl: url,
  }),
  "payment-failed": z.object({
    companyName: z.string().min(1),
    amountDueCents: z.number().int().min(0),
    currency: z.string().length(3),
    invoiceUrl: url.nullable().optional(),
  }),
} as const satisfies Record<Template, z.ZodType>;

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

function page(lines: string[], link?: { href: string; label: string }): string {
  const body = lines.map((l) => `<p>${escape(l)}</p>`).join("");
  const button = link ? `<p><a href="${escape(link.href)}">${escape(link.label)}</a></p>` : "";
  return `<!doctype html><html><body style="font-family:system-ui,sans-serif">${body}${button}<p style="color:#666">Switchboard</p></body></html>`;
}

const money = (cents: number, currency: string) =>
  new Intl.NumberFormat("en-US", { style: "currency", currency: currency.toUpperCase() }).format(cents / 100);

/** The subject, text and HTML of a transactional email; every value is escaped in the HTML. */
export function renderEmail(template: Template, data: Record<string, unknown>): RenderedEmail {
  const parsed = DATA[template].safeParse(data);
  if (!parsed.success)
    throw new UnrecoverableError(`email ${template}: invalid data (${parsed.error.issues.map((i) => i.path.join(".")).join(", ")})`);
  switch (template) {
    case "invite": {
      const d = DATA.invite.parse(data);
      const lines = [
        `${d.inviterName} invited you to join ${d.companyName} on Switchboard as ${d.role}.`,
        "The invitation is valid for 7 days.",
      ];
      return {
        subject: `Join ${d.companyName} on Switchboard`,
        text: `${lines.join("\n\n")}\n\nAccept: ${d.acceptUrl}\n`,
        html: page(lines, { href: d.acceptUrl, label: "Accept the invitation" }),
      };
    }
    case "export-ready": {
      const d = DATA["export-ready"].parse(data);
      const lines = [`${d.exportName} is ready to download.`, ...(d.expiresAt ? [`The link works until ${d.expiresAt}.`] : [])];
      return {
        subject: `${d.exportName} is ready`,
        text: `${lines.join("\n\n")}\n\nDownload: ${d.downloadUrl}\n`,
        html: page(lines, { href: d.downloadUrl, label: "Download" }),
      };
    }
    case "password-reset": {
      const d = DATA["password-reset"].parse(data);
      const lines = ["Someone asked to reset your Switchboard password. If it was not you, ignore this email."];
      return {
        subject: "Reset your Switchboard password",
        text: `${lines[0]}\n\nReset: ${d.resetUrl}\n`,
        html: page(lines, { href: d.resetUrl, label: "Reset the password" }),
      };
    }
    case "email-change": {
      const d = DATA["email-change"].parse(data);
      const lines = [
        `${d.name}, confirm that this is the new email address of your Switchboard account.`,
        `Nothing changes until you open the link (it works once, until ${d.expiresAt}). If it was not you, ignore this email.`,
      ];
      return {
        subject: "Confirm your new Switchboard email address",
        text: `${lines.join("\n\n")}\n\nConfirm: ${d.confirmUrl}\n`,
        html: page(lines, { href: d.confirmUrl, label: "Confirm the new address" }),
      };
    }
    case "email-change-notice": {
      const d = DATA["email-change-notice"].parse(data);
      const lines = [
        `${d.name}, someone signed in to your Switchboard account asked to change its email address to ${d.newEmail}.`,
        "If it was you, there is nothing to do. If it was not you, change your password now (that signs out every session) and tell your company's owner.",
      ];
      return { subject: "Your Switchboard email address is being changed", text: `${lines.join("\n\n")}\n`, html: page(lines) };
    }
    case "usage-alert": {
      const d = DATA["usage-alert"].parse(data);
      const lines = [
        `${d.companyName} has used ${d.used.toLocaleString("en-US")} of its ${d.limit.toLocaleString("en-US")} API requests this hour: past the ${d.percent} % you asked to be told about.`,
        "Requests past the limit are refused (429) until the hour ends. A larger plan raises the limit.",
      ];
      const link = { href: d.billingUrl, label: "See usage and plans" };
      return {
        subject: `Switchboard: ${d.percent} % of this hour's API limit used`,
        text: `${lines.join("\n\n")}\n\n${link.href}\n`,
        html: page(lines, link),
      };
    }
    case "payment-failed": {
      const d = DATA["payment-failed"].parse(data);
      const lines = [
        `We could not collect ${money(d.amountDueCents, d.currency)} for ${d.companyName}'s Switchboard plan.`,
        "Stripe will try again; update the card to avoid losing your plan's limits.",
      ];
      const link = d.invoiceUrl ? { href: d.invoiceUrl, label: "Pay the invoice" } : undefined;
      return {
        subject: "Your Switchboard payment failed",
        text: `${lines.join("\n\n")}${link ? `\n\nInvoice: ${link.href}` : ""}\n`,
        html: page(lines, link),
      };
    }
  }
}
