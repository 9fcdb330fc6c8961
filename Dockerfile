# Sievert in a container: a release build with the Swift standard library and Foundation linked statically, run
# as a non-root user on a slim Debian. Build: docker build -t sievert .
# Run (development data, demo on): docker run -p 8080:8080 sievert
# Run for real: see deploy/README.md (root key file mounted read-only outside the data volume, --production).

FROM swift:6.3-bookworm AS build
WORKDIR /build
# Resolve dependencies first so that a source change does not fetch them again.
COPY Package.swift ./
RUN swift package resolve
COPY Sources ./Sources
COPY Tests ./Tests
RUN swift build -c release --static-swift-stdlib --product sievert \
    && mkdir /staging \
    && cp "$(swift build -c release --show-bin-path)/sievert" /staging/ \
    # Templates, assets and word lists travel as resource bundles beside the binary.
    && find -L "$(swift build -c release --show-bin-path)" -maxdepth 1 -name '*.resources' -exec cp -R {} /staging/ \;

FROM debian:bookworm-slim
# ca-certificates for TLS to PostgreSQL and SMTP relays; tzdata for local times in letters; postgresql-client for
# `sievert backup` / `restore` against PostgreSQL (pg_dump, pg_restore).
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ca-certificates tzdata \
        postgresql-client \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /var/lib/sievert --create-home --shell /usr/sbin/nologin sievert
COPY --from=build /staging/ /opt/sievert/
USER sievert:sievert
WORKDIR /var/lib/sievert
ENV SIEVERT_DATA_DIR=/var/lib/sievert/data \
    SIEVERT_HTTP_HOSTNAME=0.0.0.0 \
    SIEVERT_HTTP_PORT=8080
VOLUME ["/var/lib/sievert"]
EXPOSE 8080
ENTRYPOINT ["/opt/sievert/sievert"]
CMD ["serve"]
