import path from "node:path";

/** The file Docker ships (docker-compose.yml mounts it as /etc/nginx/conf.d/default.conf). */
export const DEPLOY_NGINX_CONF = "deploy/nginx.conf";

/** The two lines of deploy/nginx.conf that name Docker's addresses: the only ones the cluster test changes. */
const LISTEN = /^(\s*)listen 80;$/m;
const UPSTREAM_SERVER = /^(\s*)server app:3000;$/m;

function replaceOnce(source: string, line: RegExp, replacement: (indent: string) => string): string {
  const found = source.match(new RegExp(line.source, "gm")) ?? [];
  if (found.length !== 1) {
    throw new Error(
      `${DEPLOY_NGINX_CONF}: expected exactly one line matching ${String(line)}, found ${found.length} — update tests/cluster/nginx-conf.ts with it`,
    );
  }
  return source.replace(line, (_m, indent: string) => replacement(indent));
}

/**
 * deploy/nginx.conf with Docker's addresses swapped for the test's: `listen 80;` becomes the test's
 * loopback port and the upstream's `server app:3000;` (Docker's DNS answering with every replica)
 * becomes one `server` line per replica. Every other line is the shipped file's, byte for byte.
 */
export function renderNginxConf(source: string, opts: { listen: string; upstreams: string[] }): string {
  const withListen = replaceOnce(source, LISTEN, (indent) => `${indent}listen ${opts.listen};`);
  return replaceOnce(withListen, UPSTREAM_SERVER, (indent) => opts.upstreams.map((u) => `${indent}server ${u};`).join("\n"));
}

/**
 * The main nginx.conf around it, in the role of the nginx image's own /etc/nginx/nginx.conf (which
 * includes conf.d/*.conf inside `http`): a foreground nginx that a non-root test can run, with its pid,
 * logs and temp files under `dir`. The access log names the upstream that answered each request (by
 * the request id the test sends), so the test knows which replica served what.
 */
export function mainNginxConf(dir: string, include: string): string {
  const at = (name: string) => path.join(dir, name);
  return `daemon off;
master_process on;
worker_processes 1;
pid ${at("nginx.pid")};
error_log ${at("error.log")} warn;
events { worker_connections 1024; }
http {
  log_format cluster '$http_x_request_id $upstream_addr $status';
  access_log ${at("access.log")} cluster;
  client_body_temp_path ${at("client_body")};
  proxy_temp_path ${at("proxy")};
  fastcgi_temp_path ${at("fastcgi")};
  uwsgi_temp_path ${at("uwsgi")};
  scgi_temp_path ${at("scgi")};
  include ${include};
}
`;
}
