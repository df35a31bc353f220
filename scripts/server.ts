import { createServer } from "node:http";
import next from "next";
import { parseTrustedProxies } from "@/lib/gateway/client-ip";
import { errorForLog, logger } from "@/lib/log/logger";
import { answerBeforeNext, answerDecisionError, mayAnswerBeforeNext } from "@/lib/server/answer-before-next";
import { answerClientError } from "@/lib/server/client-error";
import { prepareForwardedHeaders } from "@/lib/server/forwarded-headers";
import { enableFrontAnswers } from "@/lib/server/front-answers";
import { refuseMalformedPath } from "@/lib/server/refuse-malformed-path";

/**
 * The HTTP server in front of Next (dev and production): Next's middleware cannot see the socket,
 * so this writes the socket's address as the last X-Forwarded-For hop, keeping earlier hops only
 * when the socket is a proxy listed in TRUSTED_PROXIES, and drops a client's trace context
 * (lib/server/forwarded-headers.ts). lib/gateway/client-ip.ts reads the hops back. In production it also
 * decides the few reusable reads itself and answers them again without Next while they are current
 * (lib/server/front-answers.ts; FRONT_ANSWERS=off turns that off).
 */
const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "0.0.0.0";
const trusted = parseTrustedProxies(process.env.TRUSTED_PROXIES ?? "");

// Not in dev: an edited handler must answer at once, not its last answer.
const nonce = !dev && process.env.FRONT_ANSWERS !== "off" ? enableFrontAnswers() : null;
const app = next({ dev, hostname: "localhost", port, turbopack: dev });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((req, res) => {
  prepareForwardedHeaders(req.headers, req.socket.remoteAddress, trusted);
  if (refuseMalformedPath(req, res)) return;
  if (nonce && mayAnswerBeforeNext(req)) {
    answerBeforeNext(req, res, nonce)
      .then(
        (done) => (done === "next" ? handle(req, res) : undefined),
        (err: unknown) => answerDecisionError(req, res, err),
      )
      .catch((err: unknown) => {
        // Next's handler or the error answer failed: never an unhandled rejection (it would end the process).
        logger().error(errorForLog(err), "request failed in the server");
        if (!res.writableEnded) res.destroy();
      });
    return;
  }
  void handle(req, res);
});
// What Node's parser refuses (a 64 KB URL, broken HTTP) is answered in the error envelope, not a bare 431/400.
server.on("clientError", answerClientError);
if (dev) server.on("upgrade", (req, socket, head) => void app.getUpgradeHandler()(req, socket, head));
server.listen(port, host);

const stop = () => server.close(() => void app.close().then(() => process.exit(0)));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
