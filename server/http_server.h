// The HTTP front: Boost.Beast over Asio, one io_context per thread; each connection stays on
// the thread that accepted it (round robin), so its handlers need no strand.
// This is the only translation unit that includes Beast/Asio.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "server/app.h"

namespace iamlite {

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 4599;
  int threads = 0;                                      // 0: one per core but one
  std::size_t body_limit = 1 << 20;                     // 1 MiB -> 413
  std::size_t admin_body_limit = std::size_t{1} << 30;  // /iamlite/* (state documents)
  std::size_t header_limit = 16 << 10;                  // 16 KiB -> 431
  int idle_timeout_seconds = 60;                        // idle keep-alive or slow request -> close
  int read_timeout_seconds = 10;   // first byte to whole request (slow senders) -> 408 and close
  int max_connections = 1024;      // open connections; over it -> 503 and close
  int drain_timeout_seconds = 10;  // on SIGINT/SIGTERM, at most this long for requests in flight
};

// Serves until SIGINT/SIGTERM, then stops gracefully: no new connections; requests being read,
// handled or answered finish (their connections close after the response); idle connections
// close at once. Returns when all are done (or after drain_timeout_seconds). `on_ready(port)`
// runs once the socket listens (port 0 picks a free port). Returns a process exit code.
int Serve(App& app, const ServerOptions& options,
          const std::function<void(std::uint16_t)>& on_ready);

}  // namespace iamlite
