// The errors AWS answers for SigV4 authentication failures on IAM and STS (Query protocol,
// so <Code> is e.g. SignatureDoesNotMatch where JSON services say InvalidSignatureException).
// Where each wording comes from is noted in sigv4_errors.cc.
#pragma once

#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/error.h"

namespace iamlite::sigv4::errors {

// 403 SignatureDoesNotMatch, AWS's generic text ("The request signature we calculated does not
// match the signature you provided. ...").
IamError SignatureDoesNotMatch();
// 403 SignatureDoesNotMatch with a specific text (clock window, credential scope, Host).
IamError SignatureDoesNotMatch(std::string message);
// 400 IncompleteSignature: the signature parts are missing or malformed.
IamError IncompleteSignature(std::string message);
// 403 MissingAuthenticationToken: an unsigned request where a signature is required.
IamError MissingAuthenticationToken();
// 403 InvalidClientTokenId: the access key id is unknown (the server raises it after its
// key lookup).
IamError InvalidClientTokenId();
// 403 ExpiredToken: the session token of temporary credentials has expired.
IamError ExpiredToken();

// The clock-window failures, e.g. "Signature expired: 20240101T000000Z is now earlier than
// 20240101T000100Z (20240101T001600Z - 15 min.)". All times in seconds precision.
IamError SignatureExpired(TimeMs request_time, TimeMs now, TimeMs window);
IamError SignatureNotYetCurrent(TimeMs request_time, TimeMs now, TimeMs window);

// The generic SignatureDoesNotMatch followed by the canonical request and string to sign the
// server expected, in the form AWS used to return them (useful in an emulator's logs).
IamError SignatureDoesNotMatchExplained(std::string_view canonical_request,
                                        std::string_view string_to_sign);

}  // namespace iamlite::sigv4::errors
