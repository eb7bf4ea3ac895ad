// A minimal blocking HTTP/1.1 client for the command line (iamlite export/import --url).
// Like http_server.cc, the only other translation unit that sees Beast/Asio.
#pragma once

#include <expected>
#include <string>

#include "server/http_types.h"

namespace iamlite {

// Sends one request to `url` ("http://host:port/path?query") and returns the response.
// Errors (bad URL, connection refused, timeout) are messages.
std::expected<HttpResponse, std::string> HttpFetch(const std::string& method,
                                                   const std::string& url,
                                                   const std::string& body = "",
                                                   const std::string& content_type = "");

}  // namespace iamlite
