# syntax=docker/dockerfile:1
#
# Inferra as one static binary on a distroless base.
#
#   docker build -t inferra .
#   docker run --rm inferra version
#
# The image runs `inferra serve` on 0.0.0.0:8000. The server refuses a
# non-loopback address unless authentication is configured, so give it
# SUPABASE_JWT_SECRET (or SUPABASE_URL) — see .env.example and
# docs/DEPLOYMENT.md. docker-compose.yml runs it against PostgreSQL.

FROM golang:1.26 AS build
WORKDIR /src
# Modules first, so that a code change does not download them again.
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=
# CGO_ENABLED=0: a static binary (the SQLite store is pure Go), which
# needs no libc in the final image.
RUN CGO_ENABLED=0 go build -trimpath -buildvcs=false -ldflags="-s -w -X main.version=${VERSION}" -o /out/inferra ./cmd/inferra \
 && /out/inferra version \
 && mkdir -p /out/data

# distroless/static: CA certificates, tzdata, /etc/passwd with the nonroot
# user (uid 65532), and nothing else — no shell, no curl.
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/inferra /inferra
# The embedded SQLite store and uploads live here when DATABASE_URL is
# empty; mount a volume on it to keep them.
COPY --from=build --chown=65532:65532 /out/data /data
USER 65532:65532
ENV ADDR=0.0.0.0:8000 \
    DATA_DIR=/data
EXPOSE 8000
# On SIGTERM (docker stop) or SIGINT, inferra finishes the requests in
# progress within SHUTDOWN_TIMEOUT (30 s): give `docker stop` a longer
# --time than its default 10 s.
# No HEALTHCHECK here: the image has no shell or HTTP client, and inferra
# has no health subcommand, so a check inside the container could only
# prove the binary starts (`inferra version`), not that the server answers.
# Check GET /api/health from outside — the load balancer, the
# orchestrator's HTTP probe (docs/DEPLOYMENT.md).
ENTRYPOINT ["/inferra"]
CMD ["serve"]
