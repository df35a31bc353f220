"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useRef } from "react";
import { apiFetchEnvelope } from "@/components/data/api-fetch";
import { Button } from "@/components/ui/button";
import { notify } from "@/components/ui/notify";
import type { CallDetail } from "@/lib/services/calls/schemas";
import type { CustomerDetail } from "@/lib/services/customers/schemas";

/**
 * "Call back": the voice agent phones the customer (POST /api/v1/calls). One Idempotency-Key per
 * click, so a retried request never dials twice; shown only with calls:write.
 */
export function CallBackButton({ customer }: { customer: CustomerDetail }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const key = useRef<string>(crypto.randomUUID());
  const call = useMutation({
    mutationFn: () =>
      apiFetchEnvelope<CallDetail>("/api/v1/calls", {
        method: "POST",
        headers: { "idempotency-key": key.current },
        json: { customerId: customer.id },
      }),
    onSuccess: ({ data }) => {
      key.current = crypto.randomUUID();
      void queryClient.invalidateQueries({ queryKey: ["customers", "timeline", customer.id] });
      notify.success(`Calling ${customer.name}…`, {
        description: "The call appears in the timeline; it completes when the call ends.",
        action: { label: "Open call", onClick: () => router.push(`/calls/${data.id}`) },
      });
    },
    onError: (err) => {
      key.current = crypto.randomUUID();
      notify.error(err, "The call");
    },
  });
  return (
    <Button
      onClick={() => call.mutate()}
      loading={call.isPending}
      disabled={!customer.phone}
      title={customer.phone ? undefined : "No phone number"}
      data-testid="call-back"
    >
      Call back
    </Button>
  );
}
