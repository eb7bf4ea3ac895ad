// The IAM entities held in an account's state. Plain immutable values: the store shares
// them as shared_ptr<const T> and every change replaces a whole entity (see change.h).
//
// Relationships are kept by key on both sides where an operation must read them quickly
// (a user's groups and a group's members; a user's access keys and each key's user). Every
// operation that changes one side changes the other in the same Change.
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/boxed.h"
#include "core/clock.h"

namespace iamlite {

namespace policy {
struct Policy;          // the parsed form (core/policy/policy.h)
enum class PolicyKind;  // which rules a document follows (core/policy/parser.h)
}  // namespace policy

struct Tag {
  std::string key;
  std::string value;
  bool operator==(const Tag&) const = default;
};
using Tags = std::vector<Tag>;

// A policy document: the text as the client sent it (returned URL-encoded by Get* calls, as
// AWS does) and its parsed form.
//
// Documents are validated when written (the write fails with AWS's MalformedPolicyDocument
// otherwise), but the parsed form is built on the first Parsed() call and then kept with the
// document: most stored documents are never evaluated, and their parsed forms would cost
// more memory than their text (issue 9: 10,000 users with an inline policy each). Entities
// are immutable and shared, so a document evaluated request after request is parsed once.
// A copy carries the parsed form if it was already built. Thread-safe.
//
// Identical texts share one copy (many users are often given the same inline policy by one
// template): a document holds its text by shared pointer, found through a small lossy pool
// (policy_document.cc), so that 10,000 copies of one policy cost one text.
class PolicyDocument {
 public:
  PolicyDocument();
  // `text` must have been validated as a document of `kind` (policy::ParsePolicy); `parsed`,
  // when given, is its parsed form (shared, e.g. by documents with the same text).
  PolicyDocument(std::string text, policy::PolicyKind kind,
                 std::shared_ptr<const policy::Policy> parsed = nullptr);
  PolicyDocument(const PolicyDocument& other);
  PolicyDocument(PolicyDocument&& other) noexcept;
  PolicyDocument& operator=(const PolicyDocument& other);
  PolicyDocument& operator=(PolicyDocument&& other) noexcept;
  ~PolicyDocument();

  // The parsed form, built on the first call for this document and the same object on every
  // later one; nullptr when the text does not parse (a default-constructed document).
  std::shared_ptr<const policy::Policy> Parsed() const;
  // Whether Parsed() has been built (for tests).
  bool IsParsed() const { return parsed_.load(std::memory_order_acquire) != nullptr; }
  policy::PolicyKind kind() const { return kind_; }
  // The text as the client sent it.
  const std::string& text() const;

 private:
  std::shared_ptr<const std::string> text_;
  policy::PolicyKind kind_;
  mutable std::atomic<std::shared_ptr<const policy::Policy>> parsed_;
};

// Inline policies by name (case-sensitive, in name order as AWS lists them).
using InlinePolicies = std::map<std::string, PolicyDocument>;

struct LoginProfile {
  TimeMs create_date = 0;
  std::string password_hash;  // salted slow hash, never the password
  bool password_reset_required = false;
};

// A service-specific credential (CodeCommit/Keyspaces user name and password, or a Bedrock /
// CloudWatch Logs API key). Held by its user, so renames and deletes follow the user.
struct ServiceSpecificCredential {
  std::string id;  // ACCA...
  std::string service_name;
  std::string service_user_name;  // CodeCommit, Keyspaces: "<user>-at-<account>"
  std::string service_password;   // CodeCommit, Keyspaces; returned by Create/Reset only
  std::string alias;              // API keys (Bedrock, Logs): ServiceCredentialAlias
  std::string secret;             // API keys: returned by Create only
  bool active = true;
  TimeMs create_date = 0;
  std::optional<TimeMs> expiration;
};

struct User {
  std::string id;    // AIDA...
  std::string name;  // as created (case preserved)
  std::string path = "/";
  TimeMs create_date = 0;
  std::string permissions_boundary;  // policy ARN; empty when none
  Tags tags;
  std::optional<TimeMs> password_last_used;
  InlinePolicies inline_policies;
  std::vector<std::string> attached_policies;  // managed policy ARNs, in attach order
  std::vector<std::string> groups;             // group keys (FoldName), in join order
  Boxed<LoginProfile> login_profile;           // boxed: most users have none (memory, issue 9)
  std::vector<std::string> access_keys;        // access key ids
  // MFA devices, SSH keys, signing certificates, service-specific credentials: each blocks
  // DeleteUser ("must remove referenced objects first"). Filled by the later identity work.
  int other_credentials = 0;
  std::vector<ServiceSpecificCredential> service_credentials;  // in creation order

  std::string Arn(const std::string& account) const {
    return "arn:aws:iam::" + account + ":user" + path + name;
  }
};

struct Group {
  std::string id;  // AGPA...
  std::string name;
  std::string path = "/";
  TimeMs create_date = 0;
  std::vector<std::string> members;  // user keys (FoldName), in join order
  InlinePolicies inline_policies;
  std::vector<std::string> attached_policies;

  std::string Arn(const std::string& account) const {
    return "arn:aws:iam::" + account + ":group" + path + name;
  }
};

struct RoleLastUsed {
  TimeMs date = 0;
  std::string region;
};

struct Role {
  std::string id;  // AROA...
  std::string name;
  std::string path = "/";
  TimeMs create_date = 0;
  PolicyDocument assume_role_policy;
  std::string description;
  int max_session_duration = 3600;
  std::string permissions_boundary;
  Tags tags;
  InlinePolicies inline_policies;
  std::vector<std::string> attached_policies;
  std::vector<std::string> instance_profiles;  // instance profile keys (FoldName)
  std::optional<RoleLastUsed> last_used;

  std::string Arn(const std::string& account) const {
    return "arn:aws:iam::" + account + ":role" + path + name;
  }
};

struct PolicyVersion {
  std::string id;  // "v1", "v2", ...
  PolicyDocument document;
  TimeMs create_date = 0;
};

// A customer managed policy.
struct ManagedPolicy {
  std::string id;  // ANPA...
  std::string name;
  std::string path = "/";
  TimeMs create_date = 0;
  TimeMs update_date = 0;
  std::string description;
  std::string default_version_id = "v1";
  std::vector<PolicyVersion> versions;  // at most 5
  int next_version = 2;                 // AWS never reuses a version number
  Tags tags;
  int attachment_count = 0;
  int boundary_usage_count = 0;

  std::string Arn(const std::string& account) const {
    return "arn:aws:iam::" + account + ":policy" + path + name;
  }
};

struct AccessKeyLastUsed {
  TimeMs date = 0;
  std::string service;
  std::string region;
};

struct AccessKey {
  std::string id;    // AKIA...
  std::string user;  // user key (FoldName)
  std::string secret;
  bool active = true;
  TimeMs create_date = 0;
  Boxed<AccessKeyLastUsed> last_used;  // boxed: absent until the key is used (memory, issue 9)
};

struct InstanceProfile {
  std::string id;  // AIPA...
  std::string name;
  std::string path = "/";
  TimeMs create_date = 0;
  std::vector<std::string> roles;  // role keys; AWS allows one
  Tags tags;

  std::string Arn(const std::string& account) const {
    return "arn:aws:iam::" + account + ":instance-profile" + path + name;
  }
};

// A virtual MFA device (CreateVirtualMFADevice). Unassigned until EnableMFADevice gives it to
// one user. The user is referred to by its unique id, which a rename does not change.
struct MfaDevice {
  std::string name;
  std::string path = "/";
  std::string seed;  // the raw TOTP secret (20 bytes); a secret
  TimeMs create_date = 0;
  std::string user_id;  // AIDA... of the assigned user; empty while unassigned
  std::optional<TimeMs> enable_date;
  std::int64_t drift_steps = 0;  // clock drift learnt by ResyncMFADevice, in 30 s steps
  Tags tags;

  std::string SerialNumber(const std::string& account) const {
    return "arn:aws:iam::" + account + ":mfa" + path + name;
  }
};

// An SSH public key of a user (UploadSSHPublicKey), for CodeCommit.
struct SshPublicKey {
  std::string id;       // APKA...
  std::string user_id;  // AIDA... of the owning user
  std::string body;     // as uploaded
  std::string blob;     // the key in SSH wire format (RFC 4253 section 6.6)
  std::string fingerprint;
  bool active = true;
  TimeMs upload_date = 0;
};

// An X.509 signing certificate of a user (UploadSigningCertificate).
struct SigningCertificate {
  std::string id;       // 28 characters [A-Z0-9]
  std::string user_id;  // AIDA... of the owning user
  std::string body;     // PEM, as uploaded
  bool active = true;
  TimeMs upload_date = 0;
};

// A server certificate (UploadServerCertificate).
struct ServerCertificate {
  std::string id;  // ASCA...
  std::string name;
  std::string path = "/";
  std::string body;         // PEM, as uploaded
  std::string chain;        // PEM; empty when none was given
  std::string private_key;  // PEM; a secret, never returned by the API
  TimeMs upload_date = 0;
  TimeMs expiration = 0;  // the certificate's notAfter
  Tags tags;

  std::string Arn(const std::string& account) const {
    return "arn:aws:iam::" + account + ":server-certificate" + path + name;
  }
};

struct PasswordPolicy {
  int minimum_password_length = 6;
  bool require_symbols = false;
  bool require_numbers = false;
  bool require_uppercase = false;
  bool require_lowercase = false;
  bool allow_users_to_change_password = false;
  std::optional<int> max_password_age;
  std::optional<int> password_reuse_prevention;
  bool hard_expiry = false;
};

struct CredentialReport {
  TimeMs generated = 0;
  std::string csv;
};

// Account-wide singletons, replaced whole like any entity.
struct AccountSettings {
  std::optional<PasswordPolicy> password_policy;
  std::vector<std::string> aliases;  // AWS allows one
  // Attachments of AWS managed policies in this account (arn -> count), for their
  // AttachmentCount and ListPolicies OnlyAttached.
  std::map<std::string, int> aws_policy_attachments;
  // AWS managed policies used as permissions boundaries here (arn -> count).
  std::map<std::string, int> aws_policy_boundary_usage;
  std::optional<CredentialReport> credential_report;
  // SetSecurityTokenServicePreferences: "v1Token" or "v2Token"; empty until set (AWS then
  // issues v1 tokens from the global endpoint).
  std::string global_endpoint_token_version;
  // Outbound web identity federation: the account's issuer URL while enabled.
  std::optional<std::string> outbound_issuer;
};

// An OpenID Connect identity provider (CreateOpenIDConnectProvider). Keyed by `url`: the URL
// without its "https://" scheme, as the ARN and GetOpenIDConnectProvider's Url show it.
struct OidcProvider {
  std::string url;  // "token.actions.githubusercontent.com" (no scheme)
  std::vector<std::string> client_ids;
  std::vector<std::string> thumbprints;
  TimeMs create_date = 0;
  Tags tags;

  std::string Arn(const std::string& account) const {
    return "arn:aws:iam::" + account + ":oidc-provider/" + url;
  }
};

// A SAML 2.0 identity provider (CreateSAMLProvider). Keyed by FoldName(name).
struct SamlProvider {
  std::string name;
  std::string metadata;   // the SAMLMetadataDocument as given
  std::string entity_id;  // the metadata's EntityDescriptor entityID (the assertions' Issuer)
  std::string uuid;       // SAMLProviderUUID
  TimeMs create_date = 0;
  TimeMs valid_until = 0;
  std::string assertion_encryption_mode;  // "Required", "Allowed" or empty
  Tags tags;

  std::string Arn(const std::string& account) const {
    return "arn:aws:iam::" + account + ":saml-provider/" + name;
  }
};

}  // namespace iamlite
