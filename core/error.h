// IamError: one AWS error (code, HTTP status, message) carried as a value through core.
// Result<T> is the return type of every fallible core function; exceptions never cross a
// stage boundary.
#pragma once

#include <expected>
#include <string>
#include <string_view>

namespace iamlite {

struct IamError {
  std::string code;  // AWS error code, e.g. "NoSuchEntity"
  int http_status = 400;
  std::string message;       // AWS's wording, word for word where known
  bool sender_fault = true;  // <Type>Sender</Type> vs Receiver
};

template <class T>
using Result = std::expected<T, IamError>;

// A Result<void> that succeeded.
inline Result<void> Ok() { return {}; }

namespace errors {

IamError NoSuchEntity(std::string message);
IamError EntityAlreadyExists(std::string message);
IamError DeleteConflict(std::string message);
IamError LimitExceeded(std::string message);
IamError InvalidInput(std::string message);
IamError ValidationError(std::string message);
IamError MalformedPolicyDocument(std::string message);
IamError AccessDenied(std::string message);
IamError ServiceFailure(std::string message);
IamError InvalidAction(std::string_view action, std::string_view version);
IamError NotImplemented(std::string_view action);
IamError MissingAction();
IamError PasswordPolicyViolation(std::string message);
IamError InvalidUserType(std::string message);

}  // namespace errors
}  // namespace iamlite
