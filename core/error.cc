#include "core/error.h"

namespace iamlite::errors {
namespace {
IamError Make(const char* code, int status, std::string message, bool sender = true) {
  return IamError{code, status, std::move(message), sender};
}
}  // namespace

IamError NoSuchEntity(std::string m) { return Make("NoSuchEntity", 404, std::move(m)); }
IamError EntityAlreadyExists(std::string m) {
  return Make("EntityAlreadyExists", 409, std::move(m));
}
IamError DeleteConflict(std::string m) { return Make("DeleteConflict", 409, std::move(m)); }
IamError LimitExceeded(std::string m) { return Make("LimitExceeded", 409, std::move(m)); }
IamError InvalidInput(std::string m) { return Make("InvalidInput", 400, std::move(m)); }
IamError ValidationError(std::string m) { return Make("ValidationError", 400, std::move(m)); }
IamError MalformedPolicyDocument(std::string m) {
  return Make("MalformedPolicyDocument", 400, std::move(m));
}
IamError AccessDenied(std::string m) { return Make("AccessDenied", 403, std::move(m)); }
IamError ServiceFailure(std::string m) {
  return Make("ServiceFailure", 500, std::move(m), /*sender=*/false);
}
// AWS answers an unknown Action with InvalidAction (400) and this wording.
IamError InvalidAction(std::string_view action, std::string_view version) {
  return Make(
      "InvalidAction", 400,
      "Could not find operation " + std::string(action) + " for version " + std::string(version));
}
IamError NotImplemented(std::string_view action) {
  return Make("NotImplemented", 501,
              "The operation " + std::string(action) + " is not implemented by iamlite yet.",
              /*sender=*/false);
}
IamError MissingAction() { return Make("MissingAction", 400, "Missing Action"); }
IamError PasswordPolicyViolation(std::string m) {
  return Make("PasswordPolicyViolation", 400, std::move(m));
}
IamError InvalidUserType(std::string m) { return Make("InvalidUserType", 400, std::move(m)); }

}  // namespace iamlite::errors
