# sunset in a container:  docker build -t sunset .
#   docker run --rm -v "$PWD:/src" sunset scan /src
#   docker run --rm -e AWS_ACCESS_KEY_ID -e AWS_SECRET_ACCESS_KEY -e AWS_SESSION_TOKEN -e AWS_REGION sunset scan --aws
#   docker run --rm -v "$HOME/.aws:/home/sunset/.aws:ro" -e AWS_PROFILE=audit sunset scan --aws
# Two stages: the build (compiler and -dev packages), then only the runtime libraries.
# tests/ship/run runs this file's build commands and checks the final stage's packages
# against the libraries the binary links.

FROM debian:12-slim AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends gcc make pkg-config libc6-dev libjansson-dev libssl-dev \
      libyaml-dev libcurl4-openssl-dev libxml2-dev libsqlite3-dev libpq-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /build
COPY . .
RUN make -j"$(nproc)" B=build/image all && make B=build/image install DESTDIR=/out PREFIX=/usr/local

FROM debian:12-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends libc6 libcurl4 libjansson4 libssl3 libyaml-0-2 libxml2 libsqlite3-0 libpq5 ca-certificates \
 && rm -rf /var/lib/apt/lists/*
COPY --from=build /out/usr/local/ /usr/local/
RUN useradd --uid 10001 --create-home --home-dir /home/sunset --shell /usr/sbin/nologin sunset
USER sunset
ENV HOME=/home/sunset
# the repository to scan is mounted here (docker run -v "$PWD:/src")
WORKDIR /src
VOLUME ["/src"]
ENTRYPOINT ["sunset"]
CMD ["--help"]
