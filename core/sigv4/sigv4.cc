#include "core/sigv4/sigv4.h"

#include <charconv>
#include <vector>

#include "core/sigv4/amz_date.h"
#include "core/sigv4/canonical_request.h"
#include "core/sigv4/signing.h"
#include "core/sigv4/signing_key_cache.h"
#include "core/sigv4/sigv4_errors.h"

// Order of checks and the wording of each: recorded from AWS's Query/JSON front end (shared by
// IAM, STS and DynamoDB) by the dynalite emulator, and matched by AWS answers quoted in public
// reports: "Date must be in ISO-8601 'basic format'. Got '201'. See
// http://en.wikipedia.org/wiki/ISO_8601", "'Host' must be a 'SignedHeader' in the AWS
// Authorization.", "Unsupported AWS 'algorithm': 'AWS4-HMAC-SHA25' (only AWS4-HMAC-SHA256 for
// now). ", "Credential must have exactly 5 slash-delimited elements, e.g.
// keyid/date/region/service/term, got 'a/b/c/d'", "Credential should be scoped to a valid
// region, not 'c'. Credential should be scoped to correct service: 'dynamodb'. Credential
// should be scoped with a valid terminator: 'aws4_request', not 'e'. Date in Credential scope
// does not match YYYYMMDD from ISO-8601 version of date from HTTP: 'b' != '20130609', from
// '20130609T095204Z'."
namespace iamlite::sigv4 {
namespace {

std::vector<std::string> SplitSignedHeaders(std::string_view list) {
  std::vector<std::string> out;
  while (true) {
    size_t semi = list.find(';');
    out.push_back(AsciiLower(list.substr(0, semi)));
    if (semi == std::string_view::npos) break;
    list.remove_prefix(semi + 1);
  }
  return out;
}

Result<TimeMs> RequestTime(const AuthParts& parts) {
  std::optional<TimeMs> t = ParseAmzDate(parts.date);
  if (!t && parts.date_is_http_date) t = ParseHttpDate(parts.date);
  if (!t)
    return std::unexpected(errors::IncompleteSignature(
        "Date must be in ISO-8601 'basic format'. Got '" + parts.date.substr(0, 256) +
        "'. See http://en.wikipedia.org/wiki/ISO_8601"));
  return *t;
}

// Splits the credential into its five elements (trailing slashes ignored, as AWS does).
Result<std::vector<std::string>> CredentialElements(std::string_view credential) {
  std::string_view trimmed = credential;
  while (!trimmed.empty() && trimmed.back() == '/') trimmed.remove_suffix(1);
  std::vector<std::string> out;
  while (out.size() <= 5) {
    size_t slash = trimmed.find('/');
    out.emplace_back(trimmed.substr(0, slash));
    if (slash == std::string_view::npos) break;
    trimmed.remove_prefix(slash + 1);
  }
  if (out.size() != 5)
    return std::unexpected(
        errors::IncompleteSignature("Credential must have exactly 5 slash-delimited elements, e.g. "
                                    "keyid/date/region/service/term, got '" +
                                    std::string(credential.substr(0, 512)) + "'"));
  return out;
}

Result<void> CheckScope(const SignedRequestInfo& info, std::string_view terminator,
                        const VerifyOptions& options) {
  std::string problems;
  auto add = [&problems](std::string text) {
    if (!problems.empty()) problems += ' ';
    problems += text;
  };
  if (!options.expected_region.empty() && info.region != options.expected_region)
    add("Credential should be scoped to a valid region, not '" + info.region + "'.");
  if (!options.expected_service.empty() && info.service != options.expected_service)
    add("Credential should be scoped to correct service: '" + options.expected_service + "'.");
  if (terminator != kScopeTerminator)
    add("Credential should be scoped with a valid terminator: 'aws4_request', not '" +
        std::string(terminator) + "'.");
  std::string_view day = std::string_view(info.amz_date).substr(0, 8);
  if (info.date != day)
    add("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from "
        "HTTP: '" +
        info.date + "' != '" + std::string(day) + "', from '" + info.amz_date + "'.");
  if (!problems.empty()) return std::unexpected(errors::SignatureDoesNotMatch(problems));
  return Ok();
}

std::optional<std::int64_t> ParseSeconds(const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  std::int64_t v = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), v);
  if (ec != std::errc() || end != text->data() + text->size() || v < 0) return std::nullopt;
  return v;
}

}  // namespace

Result<void> CheckRequestTime(const SignedRequestInfo& info, TimeMs now,
                              const VerifyOptions& options) {
  // AWS compares and reports whole seconds.
  TimeMs now_s = now - ((now % 1000) + 1000) % 1000;
  if (info.request_time < now_s - options.clock_window_ms)
    return std::unexpected(
        errors::SignatureExpired(info.request_time, now_s, options.clock_window_ms));
  if (info.request_time > now_s + options.clock_window_ms)
    return std::unexpected(
        errors::SignatureNotYetCurrent(info.request_time, now_s, options.clock_window_ms));
  return Ok();
}

Result<SignedRequestInfo> ParseSignedRequest(const Request& request, TimeMs now,
                                             const VerifyOptions& options) {
  auto parts = ReadAuthParts(request);
  if (!parts) return std::unexpected(parts.error());
  auto time = RequestTime(*parts);
  if (!time) return std::unexpected(time.error());

  SignedRequestInfo info;
  info.request_time = *time;
  info.amz_date = FormatAmzDate(*time);
  if (auto ok = CheckRequestTime(info, now, options); !ok) return std::unexpected(ok.error());

  info.signed_headers = parts->signed_headers;
  info.signed_header_names = SplitSignedHeaders(parts->signed_headers);
  bool host_signed = false;
  for (const std::string& name : info.signed_header_names) host_signed |= name == "host";
  if (!host_signed)
    return std::unexpected(
        errors::SignatureDoesNotMatch("'Host' must be a 'SignedHeader' in the AWS Authorization."));

  if (parts->algorithm != kAlgorithm)
    return std::unexpected(errors::IncompleteSignature("Unsupported AWS 'algorithm': '" +
                                                       parts->algorithm.substr(0, 256) +
                                                       "' (only AWS4-HMAC-SHA256 for now). "));

  auto elements = CredentialElements(parts->credential);
  if (!elements) return std::unexpected(elements.error());
  info.access_key_id = (*elements)[0];
  info.date = (*elements)[1];
  info.region = (*elements)[2];
  info.service = (*elements)[3];
  if (auto ok = CheckScope(info, (*elements)[4], options); !ok) return std::unexpected(ok.error());

  info.signature = std::move(parts->signature);
  info.session_token = std::move(parts->session_token);
  info.is_presigned = parts->presigned;
  info.expires_seconds = ParseSeconds(parts->expires);
  return info;
}

Result<SigningStages> ComputeSigningStages(const SignedRequestInfo& info, const Request& request,
                                           std::string_view secret) {
  auto payload = PayloadHash(request, info.is_presigned);
  if (!payload) return std::unexpected(payload.error());
  SigningStages stages;
  stages.canonical_request = CanonicalRequest(request, info, *payload);
  stages.string_to_sign =
      StringToSign(info.amz_date, info.CredentialScope(), stages.canonical_request);
  stages.signature =
      SignatureHex(ProcessSigningKeys().Get(secret, info.date, info.region, info.service),
                   stages.string_to_sign);
  return stages;
}

Result<void> Verify(const SignedRequestInfo& info, const Request& request, std::string_view secret,
                    TimeMs now, const VerifyOptions& options) {
  if (auto ok = CheckRequestTime(info, now, options); !ok) return ok;
  auto stages = ComputeSigningStages(info, request, secret);
  if (!stages) return std::unexpected(stages.error());
  if (ConstantTimeEquals(stages->signature, info.signature)) return Ok();
  if (options.explain_mismatch)
    return std::unexpected(
        errors::SignatureDoesNotMatchExplained(stages->canonical_request, stages->string_to_sign));
  return std::unexpected(errors::SignatureDoesNotMatch());
}

}  // namespace iamlite::sigv4
