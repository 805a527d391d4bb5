# syntax=docker/dockerfile:1
FROM node:20-bookworm AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build

FROM build AS test
USER node
# ok: patterns.dockerfile.missing-user
CMD ["npm", "test"]

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /src/dist ./dist
COPY --from=build /src/node_modules ./node_modules
EXPOSE 8080
# ok: patterns.dockerfile.missing-user
HEALTHCHECK --interval=30s --timeout=3s CMD ["node", "dist/healthcheck.js"]
# ruleid: patterns.dockerfile.missing-user
ENTRYPOINT ["node"]
# ruleid: patterns.dockerfile.missing-user
CMD ["dist/server.js"]
