// Plain HTTP request/response values: what the pipeline consumes and produces. Only the
// connection code (http_server.cc) knows Beast; everything else is testable without sockets.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace iamlite {

struct HttpRequest {
  std::string method;  // "GET", "POST", ...
  std::string target;  // path and query string, e.g. "/?Action=ListUsers"
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
  std::string body;
  std::string remote_ip;

  const std::string* Header(const std::string& lower_name) const {
    for (const auto& [k, v] : headers)
      if (k == lower_name) return &v;
    return nullptr;
  }
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "text/xml";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers = {};  // extra ones: Set-Cookie
};

}  // namespace iamlite
