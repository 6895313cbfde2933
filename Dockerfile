# Guideline Chat as a container: compiled once in a build stage, run as the unprivileged `node` user.
# docker build -t guideline-chat .   (or `docker compose up` with compose.yaml: the app and Redis)

FROM node:20-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 compiles itself when no prebuilt binary fits the platform.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY scripts ./scripts
COPY src ./src
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
# Keys are required in production (AUTH=on); listen on every interface of the container.
ENV NODE_ENV=production \
    AUTH=on \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATABASE_PATH=/data/guideline-chat.sqlite
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY knowledge ./knowledge
COPY rules ./rules
COPY prompts ./prompts
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
# Liveness only; load balancers should use /readyz (503 while loading and while shutting down).
HEALTHCHECK --interval=30s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node is PID 1 and gets SIGTERM itself: it drains (SHUTDOWN_GRACE_MS) and exits.
CMD ["node", "--enable-source-maps", "dist/main.js"]
