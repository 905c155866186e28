# Newsdesk: the Discord bot, built with tsc and run with plain node.
#   docker build -t newsdesk .          (or: docker compose up --build, see compose.yaml)
# Build stage: every dependency (better-sqlite3 compiles from source where no prebuilt binary fits, hence
# python3, make and g++), the TypeScript build to dist/, then only the production dependencies.
FROM node:20-bookworm-slim AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY commands ./commands
RUN npm run build && npm prune --omit=dev

# Runtime stage: node, the compiled code and the production node_modules (better-sqlite3 already built
# for this same base image), run as the unprivileged `node` user.
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    CORPUS_DIR=/corpus \
    DATA_DIR=/data \
    HEALTH_PORT=8080 \
    HEALTH_HOST=0.0.0.0
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
RUN mkdir -p /data /corpus && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=10m --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.HEALTH_PORT || 8080) + '/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/src/main.js"]
