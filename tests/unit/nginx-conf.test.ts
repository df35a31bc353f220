import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DEPLOY_NGINX_CONF, renderNginxConf } from "../cluster/nginx-conf";

const shipped = readFileSync(DEPLOY_NGINX_CONF, "utf8");

describe("the cluster test's nginx config is deploy/nginx.conf", () => {
  it("changes only the listen line and the upstream's server line", () => {
    const rendered = renderNginxConf(shipped, { listen: "127.0.0.1:18080", upstreams: ["127.0.0.1:1", "127.0.0.1:2", "127.0.0.1:3"] });
    const removed = shipped.split("\n").filter((l) => !rendered.split("\n").includes(l));
    const added = rendered.split("\n").filter((l) => !shipped.split("\n").includes(l));
    expect(removed.map((l) => l.trim())).toEqual(["server app:3000;", "listen 80;"]);
    expect(added.map((l) => l.trim())).toEqual([
      "server 127.0.0.1:1;",
      "server 127.0.0.1:2;",
      "server 127.0.0.1:3;",
      "listen 127.0.0.1:18080;",
    ]);
  });

  it("refuses a shipped file whose lines it no longer recognises, rather than testing something else", () => {
    expect(() => renderNginxConf(shipped.replace("listen 80;", "listen 8080;"), { listen: "x", upstreams: ["y"] })).toThrow(/listen 80/);
    expect(() =>
      renderNginxConf(shipped.replace("server app:3000;", "server app:3000 max_fails=2;"), { listen: "x", upstreams: ["y"] }),
    ).toThrow(/server app:3000/);
  });
});
