// libFuzzer target: the HTTP layer as a whole, raw bytes in. The bytes go through the parser
// server/http_server.cc reads sockets with (a beast::http::request_parser with the server's
// header and body limits), possibly several pipelined requests; each complete request is
// converted as the server converts it and handled by a fresh App (routing, admin endpoints,
// authentication, decoding, every action, encoding), without sockets.
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "core/clock.h"
#include "core/ids.h"
#include "server/app.h"
#include "server/http_server.h"

namespace http = boost::beast::http;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace iamlite;
  static const ServerOptions server;  // the default limits
  App app(AppOptions{.quiet = true}, std::make_unique<FakeClock>(1'714'564'800'000),
          std::make_unique<SeededIdGenerator>(1));
  std::string_view rest(reinterpret_cast<const char*>(data), size);
  for (int requests = 0; !rest.empty() && requests < 16; ++requests) {
    http::request_parser<http::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(server.header_limit));
    parser.body_limit(server.body_limit);
    parser.eager(true);
    boost::beast::error_code ec;
    std::size_t used = parser.put(boost::asio::buffer(rest.data(), rest.size()), ec);
    if (!ec && !parser.is_done()) {
      parser.put_eof(ec);  // the client closed: a body without a length ends here
    }
    if (ec || !parser.is_done()) return 0;
    rest.remove_prefix(used);
    auto& req = parser.get();
    HttpRequest in;
    in.method = std::string(req.method_string());
    in.target = std::string(req.target());
    for (const auto& f : req) {
      std::string name(f.name_string());
      for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      in.headers.emplace_back(std::move(name), std::string(f.value()));
    }
    in.body = std::move(req.body());
    in.remote_ip = "127.0.0.1";
    (void)app.Handle(in);
  }
  return 0;
}
