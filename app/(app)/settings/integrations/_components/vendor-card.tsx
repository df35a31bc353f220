"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { apiFetch } from "@/components/data/api-fetch";
import { applyApiErrors } from "@/components/forms/apply-api-errors";
import { Field, inputClass } from "@/components/forms/field";
import { useZodForm } from "@/components/forms/use-zod-form";
import { z } from "zod";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { notify } from "@/components/ui/notify";
import type { ConnectionTest, IntegrationStatus } from "@/lib/services/integrations-status/schemas";
import { apiKeyInputSchema, type IntegrationCredentialsResult } from "@/lib/services/settings/schemas";
import { CopyButton } from "./copy-button";

const keyForm = z.object({ apiKey: apiKeyInputSchema });
type KeyForm = z.input<typeof keyForm>;
const NO_REASON = "Needs the settings:manage permission (owners and admins).";

const when = (iso: string) => new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));

/** One vendor: whose key is used, "set on … by …, ends in …", breaker; set/remove the company's key, test it; Cal.com's webhook. */
export function VendorCard({ status, canManage }: { status: IntegrationStatus; canManage: boolean }) {
  const router = useRouter();
  const [secret, setSecret] = useState<string | null>(null);
  const [test, setTest] = useState<ConnectionTest | null>(null);
  const form = useZodForm(keyForm, { defaultValues: { apiKey: "" } });
  const own = status.companyCredential;
  const stripe = status.vendor === "stripe";

  const put = useMutation({
    mutationFn: (body: { apiKey?: string | null; rotateWebhookSecret?: boolean }) =>
      apiFetch<IntegrationCredentialsResult>(`/api/v1/settings/integrations/${status.vendor}`, { method: "PUT", json: body }),
    onSuccess: (result, body) => {
      form.reset({ apiKey: "" });
      if (result.webhook?.secret) setSecret(result.webhook.secret);
      notify.success(
        body.rotateWebhookSecret
          ? "New webhook secret generated"
          : body.apiKey === null
            ? `${status.name} key removed`
            : `${status.name} key saved`,
        body.apiKey === null ? { description: "The platform's key applies again, if there is one." } : {},
      );
      router.refresh();
    },
    onError: (err) => {
      notify.error(err, `Saving the ${status.name} key`);
      applyApiErrors<KeyForm>(err, form.setError, ["apiKey"]);
    },
  });
  const runTest = useMutation({
    mutationFn: () => apiFetch<ConnectionTest>(`/api/v1/settings/integrations/${status.vendor}/test`, { method: "POST" }),
    onSuccess: (r) => {
      setTest(r);
      if (r.ok) notify.success(`${status.name} answered`, { description: r.note ?? `In ${r.latencyMs} ms.` });
      else notify.info(`${status.name} test failed`, r.error?.message);
    },
    onError: (err) => notify.error(err, `Testing ${status.name}`),
  });

  const badge = !status.configured ? (
    <Badge tone="warning">Not set up</Badge>
  ) : status.credentialProblem ? (
    <Badge tone="danger">Key unreadable</Badge>
  ) : (
    <Badge tone={own ? "success" : "neutral"}>{status.credentialSource === "company" ? "Your key" : "Platform key"}</Badge>
  );

  return (
    <Card
      title={status.name}
      actions={
        <>
          {badge}
          <Badge tone={status.breaker.state === "closed" ? "success" : "danger"} dot>
            {status.breaker.state === "closed" ? "Reachable" : status.breaker.state === "open" ? "Paused after failures" : "Probing"}
          </Badge>
        </>
      }
      data-testid={`integration-${status.vendor}`}
    >
      <div className="space-y-4 text-sm">
        <p className="text-slate-700">
          {stripe
            ? "Billing runs on the platform's Stripe account: there is no company key to set."
            : own
              ? `Your company's key${own.setAt ? `, set on ${when(own.setAt)}` : ""}${own.setBy ? ` by ${own.setBy.name}` : ""}, ends in …${own.last4}.`
              : status.credentialSource === "platform"
                ? "Calls use the platform's key. Add your own to act in your company's account."
                : "No key yet: add your company's key to use this integration."}
        </p>
        {status.credentialProblem ? (
          <p className="text-red-700">The stored key can no longer be read (the server&apos;s encryption key changed): enter it again.</p>
        ) : null}

        {stripe ? null : (
          <form
            method="post"
            noValidate
            aria-label={`${status.name} API key`}
            onSubmit={form.handleSubmit((v) => put.mutate({ apiKey: v.apiKey }))}
            className="flex flex-col gap-2 sm:flex-row sm:items-end"
          >
            <fieldset disabled={!canManage || put.isPending} className="contents">
              <Field
                label={own ? `Replace the ${status.name} API key` : `${status.name} API key`}
                error={form.formState.errors.apiKey?.message}
                hint={canManage ? "Stored encrypted; never shown again, not even to you." : NO_REASON}
                className="flex-1"
              >
                <input className={inputClass} type="password" autoComplete="off" spellCheck={false} {...form.register("apiKey")} />
              </Field>
              <Button type="submit" variant="primary" loading={put.isPending && put.variables?.apiKey !== null} className="sm:mb-5">
                Save key
              </Button>
            </fieldset>
          </form>
        )}

        <div className="flex flex-wrap items-center gap-2">
          <Button
            type="button"
            onClick={() => runTest.mutate()}
            loading={runTest.isPending}
            disabled={!canManage}
            title={canManage ? undefined : NO_REASON}
          >
            Test connection
          </Button>
          {own && canManage ? (
            <ConfirmDialog
              trigger={<Button variant="ghost">Remove your key</Button>}
              title={`Remove your ${status.name} key?`}
              description="Calls go back to the platform's key, if there is one, and act in its account. You can add yours again at any time."
              confirmLabel="Remove key"
              onConfirm={() => put.mutate({ apiKey: null })}
            />
          ) : null}
          {test ? (
            <span role="status" className={test.ok ? "text-emerald-700" : "text-red-700"}>
              {test.ok ? `OK in ${test.latencyMs} ms` : test.error?.message}
            </span>
          ) : null}
        </div>

        {status.webhook ? (
          <CalcomWebhook
            webhook={status.webhook}
            secret={secret}
            canManage={canManage}
            rotating={put.isPending && put.variables?.rotateWebhookSecret === true}
            onRotate={() => put.mutate({ rotateWebhookSecret: true })}
            onDismiss={() => setSecret(null)}
          />
        ) : null}
      </div>
    </Card>
  );
}

function CalcomWebhook({
  webhook,
  secret,
  canManage,
  rotating,
  onRotate,
  onDismiss,
}: {
  webhook: NonNullable<IntegrationStatus["webhook"]>;
  secret: string | null;
  canManage: boolean;
  rotating: boolean;
  onRotate: () => void;
  onDismiss: () => void;
}) {
  const urlId = useId();
  const secretId = useId();
  return (
    <section aria-labelledby={`${urlId}-h`} className="rounded-lg border border-slate-200 p-3">
      <h3 id={`${urlId}-h`} className="font-medium text-slate-900">
        Webhook for Cal.com
      </h3>
      <p className="mt-1 text-slate-600">
        In Cal.com (Settings → Developer → Webhooks) add this URL with the secret below, so bookings made there reach your calendar.
      </p>
      <label htmlFor={urlId} className="mt-3 block text-xs font-medium text-slate-700">
        Subscriber URL
      </label>
      <div className="mt-1 flex gap-2">
        <input id={urlId} readOnly value={webhook.url} className={`${inputClass} font-mono text-xs`} onFocus={(e) => e.target.select()} />
        <CopyButton value={webhook.url} label="webhook URL" />
      </div>
      {secret ? (
        <div role="alert" className="mt-3 rounded-lg border border-amber-300 bg-amber-50 p-3" data-testid="webhook-secret-once">
          <label htmlFor={secretId} className="block text-xs font-semibold text-amber-900">
            Webhook secret — copy it now: it is never shown again
          </label>
          <div className="mt-1 flex gap-2">
            <input id={secretId} readOnly value={secret} className={`${inputClass} font-mono text-xs`} onFocus={(e) => e.target.select()} />
            <CopyButton value={secret} label="webhook secret" />
          </div>
          <Button type="button" variant="ghost" size="sm" className="mt-2" onClick={onDismiss}>
            I have copied it
          </Button>
        </div>
      ) : (
        <p className="mt-3 text-slate-600">
          {webhook.secretSet
            ? `Your company's secret is set${webhook.secretSetAt ? ` (generated ${when(webhook.secretSetAt)})` : ""}; it is not shown again.`
            : "No secret of your own yet: one is generated when you save your Cal.com key."}
        </p>
      )}
      <div className="mt-2">
        {canManage ? (
          <ConfirmDialog
            trigger={
              <Button variant="ghost" size="sm" loading={rotating}>
                Generate a new secret
              </Button>
            }
            title="Generate a new webhook secret?"
            description="Deliveries signed with the current secret are refused from now on: paste the new one into Cal.com right away."
            confirmLabel="Generate"
            tone="primary"
            onConfirm={onRotate}
          />
        ) : (
          <Button variant="ghost" size="sm" disabled title={NO_REASON}>
            Generate a new secret
          </Button>
        )}
      </div>
    </section>
  );
}
