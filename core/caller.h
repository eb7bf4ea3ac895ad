// Who is making a request. Travels with every request from the start; server/authenticate.h
// fills it from the request's SigV4 credential (the default account's root when there is none).
#pragma once

#include <memory>
#include <string>

namespace iamlite {

struct StsSession;  // core/session.h

inline constexpr const char* kDefaultAccount = "123456789012";

struct Caller {
  enum class Type { kRoot, kUser, kAssumedRole, kFederatedUser };
  std::string account = kDefaultAccount;
  Type type = Type::kRoot;
  std::string arn = std::string("arn:aws:iam::") + kDefaultAccount + ":root";
  std::string user_name;      // kUser: the IAM user's name
  std::string principal_id;   // kUser: the user's unique id (AIDA...); empty for root
  std::string access_key_id;  // the key that signed the request, if any
  std::string source_ip;
  bool mfa = false;
  std::string role_name;     // kAssumedRole: the role's name
  std::string session_name;  // kAssumedRole / kFederatedUser: the session's name
  // Temporary credentials (ASIA... keys): the session they were issued for; null otherwise.
  std::shared_ptr<const StsSession> session;

  static Caller Root(const std::string& account) {
    Caller c;
    c.account = account;
    c.arn = "arn:aws:iam::" + account + ":root";
    return c;
  }
};

}  // namespace iamlite
