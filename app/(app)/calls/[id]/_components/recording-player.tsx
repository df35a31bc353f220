"use client";

import { useCallback, useState } from "react";
import { EmptyState } from "@/components/ui/empty-state";

/**
 * The call's recording in the browser's own player. Recordings live on Retell's host; when it
 * cannot be reached (offline, expired link) the player stays and a note says why it is silent.
 */
export function RecordingPlayer({ url }: { url: string | null }) {
  const [failed, setFailed] = useState(false);
  // The media may fail before React hydrates and attaches onError: look at its state on mount too.
  const watch = useCallback((el: HTMLAudioElement | null) => {
    if (el && (el.error !== null || el.networkState === HTMLMediaElement.NETWORK_NO_SOURCE)) setFailed(true);
  }, []);

  if (!url) return <EmptyState compact title="No recording" description="Calls that were not answered have nothing to record." />;
  return (
    <div className="space-y-2">
      <audio
        ref={watch}
        controls
        preload="metadata"
        src={url}
        onError={() => setFailed(true)}
        className="w-full"
        data-testid="recording-player"
      >
        <a href={url}>Download the recording</a>
      </audio>
      {failed ? (
        <p role="status" className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="recording-unavailable">
          The recording can&apos;t be played right now: its host didn&apos;t answer. It is kept by the call provider —{" "}
          <a href={url} target="_blank" rel="noopener noreferrer" className="font-medium underline underline-offset-2">
            try opening it directly
          </a>
          .
        </p>
      ) : null}
    </div>
  );
}
