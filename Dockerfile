# One image for every stateshift process (shop nodes, balancers, registrar, demo); the compose file picks the command.
# Stage 1 installs dependencies from the lockfile only, so source edits do not re-run the install.
FROM node:20-slim AS deps
RUN npm i -g pnpm@10
WORKDIR /app
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml .npmrc ./
COPY apps/shop-stateful/package.json apps/shop-stateful/
COPY apps/shop-stateless/package.json apps/shop-stateless/
COPY apps/balancer/package.json apps/balancer/
COPY apps/demo/package.json apps/demo/
COPY packages/shop/package.json packages/shop/
COPY packages/cluster/package.json packages/cluster/
COPY load-tests/package.json load-tests/
COPY workshop workshop
RUN pnpm install --frozen-lockfile

# Stage 2: the sources on top of the installed tree (workspace links already point at these folders);
# TypeScript runs through tsx, as with `pnpm start`. Dev dependencies stay: tsx is one.
FROM deps AS runtime
COPY tsconfig.base.json tsconfig.json ./
COPY apps apps
COPY packages packages
COPY load-tests load-tests
COPY docker docker
USER node
EXPOSE 3000 8080 8081 8082
CMD ["node", "--import", "tsx", "apps/shop-stateless/src/main.ts"]
