# Switchboard — one image for the app, the worker, the Redis REST bridge and one-shot migrations.
# docker compose up (see docker-compose.yml) runs them behind nginx.
FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# The lockfile pins every version; `npm install` tolerates mirrors lacking other platforms' binaries.
RUN npm ci --no-audit --no-fund || npm install --no-audit --no-fund

FROM deps AS build
WORKDIR /app
COPY . .
ENV NEXT_TELEMETRY_DISABLED=1
RUN npx next build

FROM node:20-bookworm-slim AS runtime
WORKDIR /app
# Production: every process refuses to start without the operator's secrets (README › Deploy), one line
# each; none is baked in (.dockerignore keeps .env* and .data out), and SWITCHBOARD_DEMO is never set here.
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 HOST=0.0.0.0
COPY --from=build /app /app
RUN useradd --system --uid 1001 switchboard && mkdir -p /app/.data && chown -R switchboard /app/.data
USER switchboard
EXPOSE 3000
# The app server alone (the bridge, worker and migrations are their own services in compose);
# instrumentation.ts checks the secrets before it serves.
CMD ["node", "--import", "tsx", "scripts/server.ts"]
