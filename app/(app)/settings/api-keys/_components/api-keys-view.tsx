"use client";

import { useMemo, useState } from "react";
import { useNow } from "@/components/hooks/use-now";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { DropdownMenu } from "@/components/ui/dropdown-menu";
import { EmptyState } from "@/components/ui/empty-state";
import { notify } from "@/components/ui/notify";
import { Table, type Column } from "@/components/ui/table";
import type { ApiKeyListItem } from "@/lib/services/api-keys/schemas";
import { CreateKeyDialog } from "./create-key-dialog";
import { EXPIRING_WITHIN_DAYS, canRevoke, canRotate, keyDisplayStatus, STATUS_LABEL, STATUS_TONE } from "./key-status";
import { KeyUsageSheet } from "./key-usage-sheet";
import { RotateKeyDialog } from "./rotate-key-dialog";
import { SecretDialog, type ShownSecret } from "./secret-dialog";
import { useApiKeys, useRevokeKey } from "./use-api-keys";

export interface ApiKeysViewProps {
  initial: ApiKeyListItem[];
  timeZone: string;
  /** The signed-in person's permissions: the only scopes they may give a key. */
  grantable: string[];
  /** Shown as "created by" on keys made here until the list is read again. */
  userName: string | null;
}

export function ApiKeysView({ initial, timeZone, grantable, userName }: ApiKeysViewProps) {
  const keys = useApiKeys(initial);
  // Once a minute is plenty for "expiring" (days) — and no request: it only re-renders.
  const now = useNow(60_000);
  const revoke = useRevokeKey();
  const [openId, setOpenId] = useState<string | null>(null);
  const [rotating, setRotating] = useState<ApiKeyListItem | null>(null);
  const [revoking, setRevoking] = useState<ApiKeyListItem | null>(null);
  const [secret, setSecret] = useState<ShownSecret | null>(null);
  const rows = keys.data;
  const open = rows.find((k) => k.id === openId) ?? null;

  const formatTime = useMemo(() => {
    const f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      year: "numeric",
      month: "short",
      day: "numeric",
      hour: "numeric",
      minute: "2-digit",
    });
    return (iso: string | null) => (iso ? f.format(new Date(iso)) : "—");
  }, [timeZone]);
  const formatDay = useMemo(() => {
    const f = new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric", month: "short", day: "numeric" });
    return (iso: string | null) => (iso ? f.format(new Date(iso)) : "—");
  }, [timeZone]);

  const confirmRevoke = () => {
    const key = revoking;
    if (!key) return;
    setRevoking(null);
    revoke.mutate(key.id, {
      onSuccess: () => notify.success(`Key “${key.name}” revoked`, { description: "Requests with it are refused from now on." }),
      onError: (err) => notify.error(err, `Revoking “${key.name}”`),
    });
  };

  const columns: ReadonlyArray<Column<ApiKeyListItem>> = [
    {
      key: "name",
      header: "Name",
      hideLabelWhenStacked: true,
      cell: (k) => (
        <button
          type="button"
          className="text-left font-medium text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-brand-600"
          onClick={() => setOpenId(k.id)}
          data-testid="key-open"
        >
          {k.name}
          <span className="sr-only">: usage and details</span>
        </button>
      ),
    },
    {
      key: "key",
      header: "Key",
      cell: (k) => (
        <code className="font-mono text-xs whitespace-nowrap text-slate-700" data-testid="key-display">
          {k.prefix}…{k.lastFour}
        </code>
      ),
    },
    {
      key: "scopes",
      header: "Scopes",
      cell: (k) => (
        <span className="font-mono text-xs text-slate-600" title={k.scopes.join(", ")}>
          {k.scopes.length <= 2 ? k.scopes.join(", ") : `${k.scopes.slice(0, 2).join(", ")} +${k.scopes.length - 2}`}
        </span>
      ),
    },
    { key: "createdBy", header: "Created by", cell: (k) => k.createdByName ?? "A former member" },
    { key: "created", header: "Created", className: "whitespace-nowrap", cell: (k) => formatDay(k.createdAt) },
    { key: "expires", header: "Expires", className: "whitespace-nowrap", cell: (k) => (k.expiresAt ? formatDay(k.expiresAt) : "Never") },
    {
      key: "lastUsed",
      header: "Last used",
      className: "whitespace-nowrap",
      cell: (k) => (k.lastUsedAt ? <span title={formatTime(k.lastUsedAt)}>{formatDay(k.lastUsedAt)}</span> : "Never"),
    },
    {
      key: "status",
      header: "Status",
      cell: (k) => {
        const s = keyDisplayStatus(k, now);
        return (
          <Badge tone={STATUS_TONE[s]} dot data-status={s} data-testid="key-status">
            {STATUS_LABEL[s]}
          </Badge>
        );
      },
    },
    {
      key: "actions",
      header: <span className="sr-only">Actions</span>,
      align: "right",
      cell: (k) => {
        const s = keyDisplayStatus(k, now);
        return (
          <DropdownMenu
            trigger={
              <Button size="sm" variant="ghost" aria-label={`Actions for ${k.name}`} data-testid="key-actions">
                Actions
              </Button>
            }
            items={[
              { label: "Usage and details", onSelect: () => setOpenId(k.id) },
              { label: "Rotate…", onSelect: () => setRotating(k), disabled: !canRotate(s), "data-testid": "key-rotate" },
              { label: "Revoke…", onSelect: () => setRevoking(k), disabled: !canRevoke(s), danger: true, "data-testid": "key-revoke" },
            ]}
          />
        );
      },
    },
  ];

  return (
    <div className="mx-auto max-w-7xl space-y-4" data-testid="api-keys-page">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 className="text-xl font-semibold tracking-tight">API keys</h2>
          <p className="mt-1 max-w-2xl text-sm text-slate-600">
            Keys let your other systems call the Switchboard API as your company. Send one as{" "}
            <code className="font-mono text-xs">Authorization: Bearer sb_live_…</code>. A key marked “Expiring” ends within{" "}
            {EXPIRING_WITHIN_DAYS} days.
          </p>
        </div>
        <CreateKeyDialog grantable={grantable} creatorName={userName} onCreated={setSecret} />
      </div>
      <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white p-2 shadow-sm sm:p-4">
        <Table
          caption="API keys"
          columns={columns}
          rows={rows}
          rowKey={(k) => k.id}
          rowTestId={(k) => `key-row-${k.id}`}
          empty={<EmptyState title="No API keys yet" description="Create a key to let another system call the API for your company." />}
        />
      </div>

      <KeyUsageSheet
        apiKey={open}
        onOpenChange={(o) => !o && setOpenId(null)}
        formatTime={formatTime}
        now={now}
        onRotate={(k) => setRotating(k)}
        onRevoke={(k) => setRevoking(k)}
      />
      <RotateKeyDialog apiKey={rotating} creatorName={userName} onOpenChange={(o) => !o && setRotating(null)} onRotated={setSecret} />
      <ConfirmDialog
        open={revoking !== null}
        onOpenChange={(o) => !o && setRevoking(null)}
        title={revoking ? `Revoke “${revoking.name}”?` : "Revoke key?"}
        description="Every request with this key is refused from the next one on. This cannot be undone; integrations that use it stop working."
        confirmLabel="Revoke key"
        pending={revoke.isPending}
        onConfirm={confirmRevoke}
      />
      <SecretDialog secret={secret} onClose={() => setSecret(null)} formatTime={(iso) => formatTime(iso)} />
    </div>
  );
}
