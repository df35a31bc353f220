"use client";

import { useCallback, useEffect, useReducer, useState } from "react";
import { isApiClientError } from "@/components/data/api-error";
import { apiFetch } from "@/components/data/api-fetch";
import type { GatewayHealth } from "@/lib/metrics/gateway-health";
import { addPayload, EMPTY_WINDOW, type HealthWindow } from "./health-window";

/**
 * connecting: first stream not open yet · live: events arriving · reconnecting: the stream dropped and
 * EventSource is retrying · polling: the stream failed repeatedly, GET /api/gateway/health every 5 s ·
 * stopped: the server refused (401/403), nothing more will be asked.
 */
export type ConnectionMode = "connecting" | "live" | "reconnecting" | "polling" | "stopped";

/** Errors in a row (without a `health` event between them) before giving up on the stream. */
const MAX_STREAM_FAILURES = 3;
/** No event this long on an open stream: something between us buffers it (a proxy); reconnect. */
const STALL_MS = 10_000;
export const POLL_MS = 5_000;
/** While polling, try the stream again after this long, doubling up to 5 min. */
const STREAM_RETRY_MS = 30_000;

interface State {
  window: HealthWindow;
  mode: ConnectionMode;
  /** The last failure (a poll's, or what stopped everything); cleared by the next payload. */
  error: unknown;
  /** The server could not compute the last tick (`event: unavailable`). */
  degraded: boolean;
}

type Action =
  | { type: "payload"; payload: GatewayHealth; at: number; via: "stream" | "poll" }
  | { type: "mode"; mode: ConnectionMode }
  | { type: "error"; error: unknown; stop?: boolean }
  | { type: "degraded" }
  | { type: "reset" };

const INITIAL: State = { window: EMPTY_WINDOW, mode: "connecting", error: null, degraded: false };

function reducer(state: State, action: Action): State {
  switch (action.type) {
    case "payload":
      return {
        window: addPayload(state.window, action.payload, action.at),
        mode: action.via === "stream" ? "live" : "polling",
        error: null,
        degraded: false,
      };
    case "mode":
      return state.mode === action.mode || state.mode === "stopped" ? state : { ...state, mode: action.mode };
    case "error":
      return { ...state, error: action.error, mode: action.stop ? "stopped" : state.mode };
    case "degraded":
      return { ...state, degraded: true };
    case "reset":
      return INITIAL;
  }
}

export interface HealthStream extends State {
  /** Start over after "stopped" (or at any time). */
  retry: () => void;
}

/**
 * The live health feed for one scope: EventSource on /api/gateway/stream (`?companyId=` for a platform
 * admin looking at one company), a rolling window of what arrived, and a fallback to polling
 * /api/gateway/health when the stream keeps failing — which waits out 429s and stops on 401/403.
 */
export function useHealthStream(companyId: string | null): HealthStream {
  const [state, dispatch] = useReducer(reducer, INITIAL);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const qs = companyId ? `?companyId=${encodeURIComponent(companyId)}` : "";
    const abort = new AbortController();
    let source: EventSource | null = null;
    let failures = 0;
    let polling = false;
    let streamRetryMs = STREAM_RETRY_MS;
    let stallTimer: ReturnType<typeof setTimeout> | undefined;
    let pollTimer: ReturnType<typeof setTimeout> | undefined;
    let streamRetryTimer: ReturnType<typeof setTimeout> | undefined;

    const closeStream = () => {
      clearTimeout(stallTimer);
      source?.close();
      source = null;
    };

    const streamFailed = () => {
      failures++;
      if (polling || failures >= MAX_STREAM_FAILURES) {
        closeStream();
        startPolling();
      } else {
        dispatch({ type: "mode", mode: "reconnecting" });
      }
    };

    const armStallTimer = () => {
      clearTimeout(stallTimer);
      stallTimer = setTimeout(() => {
        closeStream();
        streamFailed();
        if (!polling) connect();
      }, STALL_MS);
    };

    function connect() {
      closeStream();
      const es = new EventSource(`/api/gateway/stream${qs}`);
      source = es;
      armStallTimer();
      es.addEventListener("health", (ev) => {
        let payload: GatewayHealth;
        try {
          payload = JSON.parse((ev as MessageEvent<string>).data) as GatewayHealth;
        } catch {
          return;
        }
        failures = 0;
        if (polling) stopPolling();
        armStallTimer();
        dispatch({ type: "payload", payload, at: Date.now(), via: "stream" });
      });
      es.addEventListener("unavailable", () => {
        armStallTimer();
        dispatch({ type: "degraded" });
      });
      // The server ends each stream after a while so the gateway authenticates again: reopen at once.
      es.addEventListener("end", () => connect());
      es.onerror = () => {
        // CLOSED: the server refused the stream (not 200 / not event-stream); EventSource will not retry.
        if (es.readyState === EventSource.CLOSED) {
          closeStream();
          failures = MAX_STREAM_FAILURES;
          startPolling();
          return;
        }
        streamFailed();
      };
    }

    async function poll() {
      try {
        const payload = await apiFetch<GatewayHealth>(`/api/gateway/health${qs}`, { signal: abort.signal, cache: "no-store" });
        dispatch({ type: "payload", payload, at: Date.now(), via: "poll" });
        pollTimer = setTimeout(() => void poll(), POLL_MS);
      } catch (error) {
        if (abort.signal.aborted) return;
        if (isApiClientError(error) && error.isClientError) {
          stopAll();
          dispatch({ type: "error", error, stop: true });
          return;
        }
        dispatch({ type: "error", error });
        const waitMs = isApiClientError(error) && error.retryAfterSec !== null ? error.retryAfterSec * 1000 : 0;
        pollTimer = setTimeout(() => void poll(), Math.max(POLL_MS, waitMs));
      }
    }

    function startPolling() {
      if (!polling) {
        polling = true;
        dispatch({ type: "mode", mode: "polling" });
        void poll();
      }
      clearTimeout(streamRetryTimer);
      streamRetryTimer = setTimeout(connect, streamRetryMs);
      streamRetryMs = Math.min(streamRetryMs * 2, 300_000);
    }

    function stopPolling() {
      polling = false;
      streamRetryMs = STREAM_RETRY_MS;
      clearTimeout(pollTimer);
      clearTimeout(streamRetryTimer);
    }

    function stopAll() {
      stopPolling();
      closeStream();
    }

    connect();
    return () => {
      abort.abort();
      stopAll();
    };
  }, [companyId, attempt]);

  const retry = useCallback(() => {
    dispatch({ type: "reset" });
    setAttempt((n) => n + 1);
  }, []);

  return { ...state, retry };
}
