#include "core/sigv4/canonical_request.h"

#include <algorithm>
#include <utility>

#include "core/sigv4/query_string.h"
#include "core/sigv4/signing.h"
#include "core/sigv4/sigv4_errors.h"

namespace iamlite::sigv4 {
namespace {

bool Unreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~';
}

bool Whitespace(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

bool IsHex64(std::string_view s) {
  return s.size() == 64 && std::all_of(s.begin(), s.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
         });
}

}  // namespace

std::string UriEncode(std::string_view bytes, bool keep_slash) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(bytes.size() * 3);
  for (char ch : bytes) {
    auto c = static_cast<unsigned char>(ch);
    if (Unreserved(c) || (keep_slash && c == '/')) {
      out += ch;
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0x0F];
    }
  }
  return out;
}

std::string NormalizePath(std::string_view raw_path) {
  if (raw_path.empty()) return "/";
  std::vector<std::string_view> segments;
  std::string_view rest = raw_path;
  while (true) {
    size_t slash = rest.find('/');
    std::string_view seg = rest.substr(0, slash);
    if (seg == "..") {
      if (!segments.empty()) segments.pop_back();
    } else if (!seg.empty() && seg != ".") {
      segments.push_back(seg);
    }
    if (slash == std::string_view::npos) break;
    rest.remove_prefix(slash + 1);
  }
  std::string out = raw_path.front() == '/' ? "/" : "";
  for (size_t i = 0; i < segments.size(); ++i) {
    if (i > 0) out += '/';
    out += segments[i];
  }
  if (raw_path.back() == '/' && !segments.empty()) out += '/';
  return out.empty() ? "/" : out;
}

std::string CanonicalUri(std::string_view raw_path) {
  return UriEncode(NormalizePath(raw_path), /*keep_slash=*/true);
}

std::string CanonicalQuery(std::string_view raw_query, bool presigned) {
  std::vector<std::pair<std::string, std::string>> pairs;
  for (QueryParam& p : ParseQuery(raw_query)) {
    if (presigned && p.name == "X-Amz-Signature") continue;
    pairs.emplace_back(UriEncode(p.name, false), UriEncode(p.value, false));
  }
  std::sort(pairs.begin(), pairs.end());
  std::string out;
  for (const auto& [name, value] : pairs) {
    if (!out.empty()) out += '&';
    out += name;
    out += '=';
    out += value;
  }
  return out;
}

std::string CanonicalHeaderValue(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  bool pending_space = false;
  for (char c : value) {
    if (Whitespace(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    out += c;
  }
  return out;
}

std::string CanonicalHeaders(const Request& request, const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& name : names) {
    out += name;
    out += ':';
    bool first = true;
    for (std::string_view value : HeaderValues(request, name)) {
      if (!first) out += ',';
      first = false;
      out += CanonicalHeaderValue(value);
    }
    out += '\n';
  }
  return out;
}

Result<std::string> PayloadHash(const Request& request, bool presigned) {
  std::optional<std::string> stated;
  if (auto h = SingleHeader(request, "X-Amz-Content-Sha256")) stated = CanonicalHeaderValue(*h);
  if (!stated && presigned) stated = SingleParam(ParseQuery(request.query), "X-Amz-Content-Sha256");
  std::string actual = Sha256Hex(request.body);
  if (!stated) return actual;
  if (*stated == kUnsignedPayload) return *stated;
  // The stated hash is what was signed; it must also be the body's, or the body is unsigned.
  // AWS's wording for a mismatch on IAM/STS is not recorded (S3 answers
  // XAmzContentSHA256Mismatch); SignatureDoesNotMatch is the closest IAM/STS code.
  if (!IsHex64(*stated) || AsciiLower(*stated) != actual)
    return std::unexpected(errors::SignatureDoesNotMatch());
  return *stated;
}

std::string CanonicalRequest(const Request& request, const SignedRequestInfo& info,
                             std::string_view payload_hash) {
  std::string out = request.method;
  out += '\n';
  out += CanonicalUri(request.path);
  out += '\n';
  out += CanonicalQuery(request.query, info.is_presigned);
  out += '\n';
  out += CanonicalHeaders(request, info.signed_header_names);
  out += '\n';
  out += info.signed_headers;
  out += '\n';
  out += payload_hash;
  return out;
}

}  // namespace iamlite::sigv4
