# conform as a container image: the release bundle of scripts/package.sh (the Swift runtime linked
# statically) on a slim Debian with the two libraries it needs, run as a non-root user. The same
# bundle passes scripts/check-bundle.sh in a bare Debian root, so this image adds nothing to prove.
#
#   docker build -t conform .
#   docker run --rm -p 8080:8080 conform                                  # the mock on :8080
#   docker run --rm -v "$PWD/reports:/work/reports" -e GPUSTACK_API_KEY conform \
#       run --base-url https://gpustack.example.com                         # the suite

FROM swift:6.2-bookworm AS build
RUN apt-get update && apt-get install -y --no-install-recommends libcurl4-openssl-dev libjansson-dev pkg-config libxml2 \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN scripts/package.sh /dist && mkdir /bundle && tar -xzf /dist/conform-*.tar.gz -C /bundle --strip-components=1

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends libcurl4 libjansson4 ca-certificates curl \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --create-home --home-dir /work conform
COPY --from=build /bundle /opt/conform
ENV PATH=/opt/conform/bin:$PATH
USER conform
WORKDIR /work
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=5s CMD curl -fsS http://127.0.0.1:8080/health || exit 1
ENTRYPOINT ["conform"]
CMD ["mock", "--host", "0.0.0.0", "--port", "8080"]
