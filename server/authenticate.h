// Who sent a request: the SigV4 credential it carries, mapped to a Caller. The "authenticate"
// stage of the pipeline (DESIGN.md); App::HandleAws calls Authenticate once per AWS request.
//
// Which identity a key id stands for, in this order:
// - the configured root access key (--root-access-key, default "test"): the default account's
//   root;
// - a 12-digit key id: the root of that account (the convention LocalStack and moto use to
//   reach several accounts without creating keys);
// - an access key created through iamlite (in any account) and Active: that IAM user;
// - anything else (an unknown or inactive key, or no signature at all): the default account's
//   root in friendly mode; an error in verify mode.
//
// Modes. Friendly (the default) never checks signatures nor the clock. Verify
// (--verify-signatures) checks every request in AWS's order: an unsigned one is
// MissingAuthenticationToken, a malformed or out-of-time one IncompleteSignature /
// SignatureDoesNotMatch (see core/sigv4/sigv4.h), an unknown or inactive key
// InvalidClientTokenId, a wrong signature SignatureDoesNotMatch. The root key and the 12-digit
// key ids are verified with the root secret key (--root-secret-key, default "test").
//
// A key that authenticates a request has its use recorded (service and region of the
// credential scope), so GetAccessKeyLastUsed reports it.
#pragma once

#include <string>

#include "core/caller.h"
#include "core/clock.h"
#include "core/error.h"
#include "core/sigv4/request.h"
#include "core/store.h"
#include "server/http_types.h"

namespace iamlite {

struct AuthOptions {
  bool verify_signatures = false;
  // Verify mode only: reject requests outside AWS's 15-minute clock window. moto's reset-auth
  // mode turns it off (suites written for moto often freeze time).
  bool check_clock = true;
  std::string root_access_key = "test";
  std::string root_secret_key = "test";
};

// The SigV4 view of an HTTP request (path and query split at the first '?').
sigv4::Request ToSigV4Request(const HttpRequest& request);

// True for a 12-digit access key id, which names an account's root.
bool IsAccountIdKey(const std::string& key_id);

// The caller of `request` (source_ip set), or the authentication error to answer with.
// Records the use of an IAM user's key in `store`.
Result<Caller> Authenticate(const HttpRequest& request, Store& store, const AuthOptions& options,
                            const std::string& default_account, TimeMs now);

}  // namespace iamlite
