"use client";

import { Button } from "@/components/ui/button";
import { notify } from "@/components/ui/notify";

/** Copies a value to the clipboard and says so; `label` names what is copied for screen readers. */
export function CopyButton({ value, label }: { value: string; label: string }) {
  return (
    <Button
      type="button"
      size="sm"
      aria-label={`Copy ${label}`}
      onClick={() =>
        navigator.clipboard.writeText(value).then(
          () => notify.success(`${label[0]!.toUpperCase()}${label.slice(1)} copied`),
          () => notify.info("Copy failed", "Select the text and copy it by hand."),
        )
      }
    >
      Copy
    </Button>
  );
}
