"use client";

import { useState } from "react";
import { inputClass } from "@/components/forms/field";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { notify } from "@/components/ui/notify";

export interface ShownSecret {
  name: string;
  key: string;
  /** Set after a rotation: until when the old key still works. */
  graceExpiresAt?: string | null;
}

/** The new key's secret, the only time it is ever shown: a copy button and a warning. Closing forgets it. */
export function SecretDialog({
  secret,
  onClose,
  formatTime,
}: {
  secret: ShownSecret | null;
  onClose: () => void;
  formatTime: (iso: string) => string;
}) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    if (!secret) return;
    try {
      await navigator.clipboard.writeText(secret.key);
      setCopied(true);
      notify.success("Key copied");
    } catch {
      notify.info("Copy it by hand", "The browser did not allow copying: select the key and copy it.");
    }
  };
  return (
    <Dialog
      open={secret !== null}
      onOpenChange={(open) => {
        if (!open) {
          setCopied(false);
          onClose();
        }
      }}
      title={secret ? `Your new key: ${secret.name}` : "Your new key"}
      description="Copy it now and keep it somewhere safe. It will not be shown again: Switchboard keeps only a hash of it."
      data-testid="secret-dialog"
    >
      {secret ? (
        <div className="space-y-3">
          <div role="alert" className="rounded-lg border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
            This is the only time you can see this key. If you lose it, rotate the key to get a new one.
          </div>
          <label htmlFor="new-key-secret" className="text-sm font-medium text-slate-700">
            Secret key
          </label>
          <div className="flex gap-2">
            <input
              id="new-key-secret"
              readOnly
              value={secret.key}
              className={`${inputClass} font-mono text-xs`}
              data-testid="new-key-secret"
              onFocus={(e) => e.currentTarget.select()}
            />
            <Button variant="primary" onClick={() => void copy()} data-testid="copy-key">
              {copied ? "Copied" : "Copy"}
            </Button>
          </div>
          {secret.graceExpiresAt ? (
            <p className="text-sm text-slate-600">
              The old key keeps working (read-only) until {formatTime(secret.graceExpiresAt)}. Move your integrations to the new key before
              then.
            </p>
          ) : null}
          <div className="flex justify-end pt-2">
            <Button onClick={onClose}>I have copied it</Button>
          </div>
        </div>
      ) : null}
    </Dialog>
  );
}
