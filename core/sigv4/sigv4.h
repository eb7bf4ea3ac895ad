// AWS Signature Version 4 verification: the public entry points the server calls for every
// request. No sockets, no store, no clock: the request, the time and the secret are inputs.
//
// Contract. Every function here is pure (its result depends only on its arguments) and
// thread-safe; none throws, and no input makes one crash or read out of bounds (hostile
// headers included). Errors are AWS's, as IAM and STS answer them (see sigv4_errors.h).
//
// Use, in AWS's own order of checks:
//   auto info = ParseSignedRequest(request, now);       // 1. everything checkable without the key
//   if (!info) return info.error();                     //    (MissingAuthenticationToken for
//                                                       //     unsigned requests)
//   auto key = store.FindAccessKey(info->access_key_id) // 2. the server's lookup; unknown keys:
//   if (!key) return errors::InvalidClientTokenId();    //    sigv4::errors::InvalidClientTokenId
//   if (auto ok = Verify(*info, request, key->secret, now); !ok) return ok.error();  // 3.
#pragma once

#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/error.h"
#include "core/sigv4/auth_parts.h"
#include "core/sigv4/request.h"
#include "core/sigv4/signed_request_info.h"

namespace iamlite::sigv4 {

struct VerifyOptions {
  // How far the request time may be from `now`, either way. AWS: 15 minutes for IAM and STS,
  // and presigned URLs too: they ignore X-Amz-Expires (only S3 honours it; aws-sdk-go#2167,
  // #2224), so a presigned IAM/STS URL is good for 15 minutes from its X-Amz-Date.
  TimeMs clock_window_ms = 15 * 60 * 1000;
  // The credential scope the server accepts; empty accepts any (an emulator may be reached by
  // clients configured for any region).
  std::string expected_region;
  std::string expected_service;
  // Append the expected canonical request and string to sign to SignatureDoesNotMatch's
  // message, as AWS used to (boto/boto3#756); for debugging clients against the emulator.
  bool explain_mismatch = false;
};

// Reads and checks everything that does not need the secret, in AWS's order:
// presence of the parts (MissingAuthenticationToken / IncompleteSignature), the date's format
// (IncompleteSignature "Date must be in ISO-8601 'basic format'..."), the clock window
// (SignatureDoesNotMatch "Signature expired: ..." / "Signature not yet current: ..."), Host
// among the signed headers (SignatureDoesNotMatch), the algorithm (IncompleteSignature
// "Unsupported AWS 'algorithm'..."), the credential's shape (IncompleteSignature "Credential
// must have exactly 5 slash-delimited elements...") and its scope: region and service (when
// expected ones are given), terminator and date (SignatureDoesNotMatch, all failures in one
// message).
Result<SignedRequestInfo> ParseSignedRequest(const Request& request, TimeMs now,
                                             const VerifyOptions& options = {});

// The clock-window check alone (ParseSignedRequest and Verify both run it).
Result<void> CheckRequestTime(const SignedRequestInfo& info, TimeMs now,
                              const VerifyOptions& options = {});

// The three stages of signing `request` as `info` describes it with `secret`. Fails only when
// the stated payload hash (X-Amz-Content-Sha256) is not the body's (SignatureDoesNotMatch).
struct SigningStages {
  std::string canonical_request;
  std::string string_to_sign;
  std::string signature;  // lower-case hex
};
Result<SigningStages> ComputeSigningStages(const SignedRequestInfo& info, const Request& request,
                                           std::string_view secret);

// Checks the clock window again, then that `info.signature` is the signature of `request` under
// `secret` (constant-time comparison). Error: SignatureDoesNotMatch.
Result<void> Verify(const SignedRequestInfo& info, const Request& request, std::string_view secret,
                    TimeMs now, const VerifyOptions& options = {});

}  // namespace iamlite::sigv4
