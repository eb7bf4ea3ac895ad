#include "core/sigv4/auth_parts.h"

#include <array>
#include <vector>

#include "core/sigv4/query_string.h"
#include "core/sigv4/sigv4_errors.h"

// Wording: real AWS answers (IncompleteSignature) quoted in public reports, e.g.
//   "Authorization header requires 'Credential' parameter. Authorization header requires
//   'Signature' parameter. ... Authorization=<header>"   (aws/aws-sdk-ruby#317, brendanhay/
//   amazonka#316), "'<token>' not a valid key=value pair (missing equal-sign) in Authorization
//   header: '<header>'." (iann0036/cloud9-sync#10), and the presigned form "AWS query-string
//   parameters must include 'X-Amz-Date'. Re-examine the query-string parameters." (as
//   recorded from AWS by the dynalite emulator). Repeated headers/parameters have no recorded
//   answer; the texts used for them are iamlite's (unconfirmed).
namespace iamlite::sigv4 {
namespace {

// Hostile requests can carry huge headers; echo at most this much of one in a message.
constexpr size_t kEchoLimit = 2048;

std::string Echo(std::string_view text) {
  if (text.size() <= kEchoLimit) return std::string(text);
  return std::string(text.substr(0, kEchoLimit)) + "...";
}

bool Blank(char c) { return c == ' ' || c == '\t'; }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && Blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && Blank(s.back())) s.remove_suffix(1);
  return s;
}

constexpr std::array<std::string_view, 4> kQueryAuthParams = {
    "X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Signature", "X-Amz-SignedHeaders"};

struct HeaderParams {
  std::optional<std::string> credential, signed_headers, signature;
};

// Splits "Credential=a, SignedHeaders=b, Signature=c" into its parameters. Tokens are separated
// by commas and/or blanks, as AWS reads them ("Credential= x" makes 'x' a token without '=').
Result<HeaderParams> SplitHeaderParams(std::string_view params, std::string_view whole) {
  HeaderParams out;
  size_t i = 0;
  while (i < params.size()) {
    if (params[i] == ',' || Blank(params[i])) {
      ++i;
      continue;
    }
    size_t end = i;
    while (end < params.size() && params[end] != ',' && !Blank(params[end])) ++end;
    std::string_view token = params.substr(i, end - i);
    i = end;
    size_t eq = token.find('=');
    if (eq == std::string_view::npos)
      return std::unexpected(errors::IncompleteSignature(
          "'" + Echo(token) +
          "' not a valid key=value pair (missing equal-sign) in Authorization header: '" +
          Echo(whole) + "'."));
    std::string_view key = token.substr(0, eq);
    std::optional<std::string>* slot = key == "Credential"      ? &out.credential
                                       : key == "SignedHeaders" ? &out.signed_headers
                                       : key == "Signature"     ? &out.signature
                                                                : nullptr;
    if (slot == nullptr) continue;  // unknown parameters are ignored
    if (slot->has_value())
      return std::unexpected(errors::IncompleteSignature(
          "Authorization header has more than one '" + std::string(key) +
          "' parameter. Authorization=" + Echo(whole)));
    *slot = std::string(token.substr(eq + 1));
  }
  return out;
}

// The request time of a header-signed request: X-Amz-Date, else Date.
std::optional<std::string> HeaderDate(const Request& request, bool* is_http_date) {
  auto values = HeaderValues(request, "X-Amz-Date");
  *is_http_date = values.empty();
  if (values.empty()) values = HeaderValues(request, "Date");
  if (values.empty()) return std::nullopt;
  std::string joined;  // repeated date headers make an unreadable date, reported as such
  for (size_t i = 0; i < values.size(); ++i) joined += (i ? "," : "") + std::string(values[i]);
  return joined;
}

Result<AuthParts> ReadHeader(const Request& request) {
  bool repeated = false;
  std::string_view whole = Trim(*SingleHeader(request, "Authorization", &repeated));
  if (repeated)
    return std::unexpected(
        errors::IncompleteSignature("The request has more than one Authorization header."));
  if (!whole.starts_with("AWS4-")) return std::unexpected(errors::MissingAuthenticationToken());
  AuthParts parts;
  size_t blank = 0;
  while (blank < whole.size() && !Blank(whole[blank])) ++blank;
  parts.algorithm = std::string(whole.substr(0, blank));
  auto params = SplitHeaderParams(whole.substr(blank), whole);
  if (!params) return std::unexpected(params.error());
  auto date = HeaderDate(request, &parts.date_is_http_date);

  std::string missing;
  if (!params->credential || params->credential->empty())
    missing += "Authorization header requires 'Credential' parameter. ";
  if (!params->signature || params->signature->empty())
    missing += "Authorization header requires 'Signature' parameter. ";
  if (!params->signed_headers)
    missing += "Authorization header requires 'SignedHeaders' parameter. ";
  if (!date)
    missing +=
        "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ";
  if (!missing.empty())
    return std::unexpected(errors::IncompleteSignature(missing + "Authorization=" + Echo(whole)));

  parts.credential = std::move(*params->credential);
  parts.signed_headers = std::move(*params->signed_headers);
  parts.signature = std::move(*params->signature);
  parts.date = std::move(*date);
  auto tokens = HeaderValues(request, "X-Amz-Security-Token");
  if (!tokens.empty()) {
    std::string joined;
    for (size_t i = 0; i < tokens.size(); ++i) joined += (i ? "," : "") + std::string(tokens[i]);
    parts.session_token = std::string(Trim(joined));
  }
  return parts;
}

Result<AuthParts> ReadQuery(const Request& request) {
  auto params = ParseQuery(request.query);
  std::array<std::optional<std::string>, 5> values;
  constexpr std::array<std::string_view, 5> kRequired = {kQueryAuthParams[0], kQueryAuthParams[1],
                                                         kQueryAuthParams[2], kQueryAuthParams[3],
                                                         "X-Amz-Date"};
  std::string missing;
  for (size_t i = 0; i < kRequired.size(); ++i) {
    bool repeated = false;
    values[i] = SingleParam(params, kRequired[i], &repeated);
    if (repeated)
      return std::unexpected(errors::IncompleteSignature(
          "AWS query-string parameter '" + std::string(kRequired[i]) +
          "' must appear only once. Re-examine the query-string parameters."));
    if (!values[i] || values[i]->empty())
      missing += "AWS query-string parameters must include '" + std::string(kRequired[i]) + "'. ";
  }
  if (!missing.empty())
    return std::unexpected(
        errors::IncompleteSignature(missing + "Re-examine the query-string parameters."));
  AuthParts parts;
  parts.presigned = true;
  parts.algorithm = std::move(*values[0]);
  parts.credential = std::move(*values[1]);
  parts.signature = std::move(*values[2]);
  parts.signed_headers = std::move(*values[3]);
  parts.date = std::move(*values[4]);
  parts.session_token = SingleParam(params, "X-Amz-Security-Token");
  parts.expires = SingleParam(params, "X-Amz-Expires");
  return parts;
}

}  // namespace

AuthLocation FindAuthLocation(const Request& request) {
  if (!HeaderValues(request, "Authorization").empty()) return AuthLocation::kHeader;
  for (const QueryParam& p : ParseQuery(request.query))
    for (std::string_view name : kQueryAuthParams)
      if (p.name == name) return AuthLocation::kQuery;
  return AuthLocation::kNone;
}

Result<AuthParts> ReadAuthParts(const Request& request) {
  switch (FindAuthLocation(request)) {
    case AuthLocation::kHeader:
      return ReadHeader(request);
    case AuthLocation::kQuery:
      return ReadQuery(request);
    case AuthLocation::kNone:
      break;
  }
  return std::unexpected(errors::MissingAuthenticationToken());
}

}  // namespace iamlite::sigv4
