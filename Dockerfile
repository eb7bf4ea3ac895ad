# iamlite: multi-stage build on Debian 12. The base image is a build argument so a locally
# bootstrapped one can stand in (e.g. --build-arg BASE=localhost/debian:bookworm).
ARG BASE=debian:bookworm

FROM ${BASE} AS build
RUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      g++ cmake ninja-build pkg-config libboost1.81-dev libpugixml-dev nlohmann-json3-dev \
      libre2-dev libssl-dev libyaml-dev zlib1g-dev && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY CMakeLists.txt ./
COPY cmake cmake
COPY core core
COPY server server
COPY model model
COPY data data
COPY console console
COPY tools tools
RUN cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DIAMLITE_TESTS=OFF \
 && cmake --build build --target iamlite && strip build/bin/iamlite

FROM ${BASE}
# The server is one fully static binary (libc and every dependency linked in): nothing to
# install at run time. For host names (`iamlite export --url http://localhost:...`) glibc
# loads its NSS modules from the image's own libc6, the same Debian release as the build.
RUN useradd --system --uid 10001 --no-create-home iamlite
COPY --from=build /src/build/bin/iamlite /usr/local/bin/iamlite
USER iamlite
ENV IAMLITE_HOST=0.0.0.0 IAMLITE_PORT=4599
EXPOSE 4599
HEALTHCHECK --interval=10s --timeout=3s --start-period=2s \
  CMD bash -c 'exec 3<>/dev/tcp/127.0.0.1/${IAMLITE_PORT}; printf "GET /health HTTP/1.0\r\n\r\n" >&3; grep -q "\"status\":\"ok\"" <&3'
ENTRYPOINT ["iamlite", "serve"]
