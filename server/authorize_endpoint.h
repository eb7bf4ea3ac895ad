// POST /iamlite/authorize: "is this allowed?" for the rest of a local stack (an S3 or SQS
// emulator, a user's own service). JSON in, JSON out.
//
// Input:
//   {"principal": "arn:aws:iam::123456789012:user/mary",          // a user, role or root ARN
//    -- or --
//    "request": {"method": "GET", "path": "/bucket/key?x=1",       // a SigV4-signed request:
//                "headers": {"authorization": "...", ...},         // the signer is the principal
//                "body": ""},
//    "action": "s3:GetObject",
//    "resource": "arn:aws:s3:::bucket/key",                        // default "*"
//    "context": {"aws:SourceIp": {"type": "ip", "value": "10.0.0.1"},
//                "s3:prefix": "reports/",                          // a plain string
//                "aws:TagKeys": {"type": "stringList", "values": ["a", "b"]}},
//    "resource_policy": "{...}", "resource_owner": "123456789012"} // optional
// Context types are the policy simulator's ContextKeyType values (string, numeric, boolean,
// ip, date, binary and their ...List forms).
//
// Output (200): {"decision": "allowed" | "explicitDeny" | "implicitDeny", "allowed": bool,
//   "principal", "action", "resource", "reason", "matched_statements": [{"policy_id",
//   "policy_type", "policy", "sid", "index", "effect", "start": {"line", "column"}, "end"}],
//   "missing_context_keys": [...], "explanation": "plain words"}
// Errors: 400 {"error", "message"} for bad input; the authentication error's code and status
// (InvalidClientTokenId 403, SignatureDoesNotMatch 403, ...) for a request that does not verify;
// 404 NoSuchEntity for a principal that does not exist.
#pragma once

#include <string>

#include "core/clock.h"
#include "core/store.h"
#include "server/authenticate.h"
#include "server/http_types.h"

namespace iamlite {
namespace ops {
class EffectivePoliciesCache;
}

struct AuthorizeEndpointContext {
  Store& store;
  const Clock& clock;
  const AuthOptions& auth;
  const std::string& default_account;
  // Principals' effective policies kept between requests (null: computed afresh each time).
  ops::EffectivePoliciesCache* effective_policies = nullptr;
};

HttpResponse HandleAuthorize(AuthorizeEndpointContext& ctx, const HttpRequest& request);

}  // namespace iamlite
