#include "server/http_client.h"

#include <boost/asio.hpp>
#include <boost/beast.hpp>

namespace iamlite {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

struct Url {
  std::string host, port, target;
};

std::expected<Url, std::string> ParseUrl(const std::string& url) {
  constexpr std::string_view kScheme = "http://";
  if (!url.starts_with(kScheme)) return std::unexpected("only http:// URLs are supported: " + url);
  std::string rest = url.substr(kScheme.size());
  auto slash = rest.find('/');
  std::string authority = rest.substr(0, slash);
  Url out;
  out.target = slash == std::string::npos ? "/" : rest.substr(slash);
  std::string port_part;
  if (authority.starts_with("[")) {  // [::1]:4599
    auto close = authority.find(']');
    if (close == std::string::npos) return std::unexpected("bad URL: " + url);
    out.host = authority.substr(1, close - 1);
    port_part = authority.substr(close + 1);
  } else {
    auto colon = authority.rfind(':');
    out.host = authority.substr(0, colon);
    if (colon != std::string::npos) port_part = authority.substr(colon);
  }
  out.port = port_part.empty() ? "80" : port_part.substr(1);
  if (out.host.empty() || out.port.empty()) return std::unexpected("bad URL: " + url);
  return out;
}

}  // namespace

std::expected<HttpResponse, std::string> HttpFetch(const std::string& method,
                                                   const std::string& url, const std::string& body,
                                                   const std::string& content_type) {
  auto parsed = ParseUrl(url);
  if (!parsed) return std::unexpected(parsed.error());
  try {
    asio::io_context ioc;
    tcp::resolver resolver(ioc);
    beast::tcp_stream stream(ioc);
    stream.expires_after(std::chrono::seconds(300));
    stream.connect(resolver.resolve(parsed->host, parsed->port));
    http::request<http::string_body> req(http::string_to_verb(method), parsed->target, 11);
    const bool ipv6 = parsed->host.find(':') != std::string::npos;
    req.set(http::field::host,
            (ipv6 ? "[" + parsed->host + "]" : parsed->host) + ":" + parsed->port);
    req.set(http::field::user_agent, "iamlite-cli");
    if (!content_type.empty()) req.set(http::field::content_type, content_type);
    req.body() = body;
    req.prepare_payload();
    http::write(stream, req);
    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit(std::size_t{1} << 31);
    http::read(stream, buffer, parser);
    auto& res = parser.get();
    HttpResponse out;
    out.status = static_cast<int>(res.result_int());
    out.content_type = std::string(res[http::field::content_type]);
    out.body = std::move(res.body());
    beast::error_code ec;
    stream.socket().shutdown(tcp::socket::shutdown_both, ec);
    return out;
  } catch (const std::exception& e) {
    return std::unexpected("cannot reach " + url + ": " + e.what());
  }
}

}  // namespace iamlite
