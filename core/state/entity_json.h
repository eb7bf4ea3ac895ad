// Every IAM entity, AccountSettings and a whole AccountState to JSON and back: the one codec
// that exports, snapshots and journal records share, so they can never disagree.
//
// Encoding is deterministic (object members sorted, lists in the state's order, empty
// optional members left out), so encode(decode(encode(x))) == encode(x).
//
// The decoders here are building blocks for document.h, change_json.h and the persistence
// layer: they throw DecodeError (json_in.h) naming the JSON path, and callers catch it at
// their public edge. Policy documents are stored as their text and validated again with
// policy::ParsePolicy on load (trust rules for a role's AssumeRolePolicyDocument, kIdentity
// for managed policy versions, kInlineIdentity for inline policies); like documents written
// through the API, they are parsed for evaluation on first use (PolicyDocument).
#pragma once

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "core/account_state.h"
#include "core/ids.h"
#include "core/policy/parser.h"
#include "core/state/json_in.h"
#include "core/state/json_tree.h"

namespace iamlite::state {

struct EncodeOptions {
  // Access key secrets and password hashes; left out when false.
  bool secrets = true;
};

// Tags as the state stores them: [{"key": K, "value": V}, ...]. Decoding refuses a duplicate
// key. Shared by every entity codec (entity_json.cc, credentials_json.cc, sts_json.cc).
nlohmann::json TagsJson(const Tags& tags);
template <class In>
Tags DecodeTags(const In& in);

nlohmann::json ToJson(const User& u, const EncodeOptions& opt);
nlohmann::json ToJson(const Group& g);
nlohmann::json ToJson(const Role& r);
nlohmann::json ToJson(const ManagedPolicy& p);
nlohmann::json ToJson(const AccessKey& k, const EncodeOptions& opt);
nlohmann::json ToJson(const InstanceProfile& p);
nlohmann::json ToJson(const AccountSettings& s);
// MFA device seeds and server certificate private keys are secrets too (credentials_json.cc).
nlohmann::json ToJson(const MfaDevice& d, const EncodeOptions& opt);
nlohmann::json ToJson(const SshPublicKey& k);
nlohmann::json ToJson(const SigningCertificate& c);
nlohmann::json ToJson(const ServerCertificate& c, const EncodeOptions& opt);
// The account without its id (the id is the key it is filed under).
nlohmann::json ToJson(const AccountState& s, const EncodeOptions& opt);

// What a decode had to make up, for the caller to report.
struct ImportNotes {
  struct NewSecret {
    std::string account;
    std::string access_key_id;
    std::string secret_access_key;
  };
  std::vector<NewSecret> generated_secrets;  // keys that came without a secret
  struct Locked {
    std::string account;
    std::string user_name;
  };
  std::vector<Locked> locked_login_profiles;  // login profiles that came without a hash
};

// State shared by the decoders of one load.
class DecodeContext {
 public:
  // `ids` (may be null) makes fresh secrets for access keys without one; with null, a
  // missing secret is an error, as in journals and snapshots, which always carry them.
  explicit DecodeContext(IdGenerator* ids = nullptr) : ids_(ids) {}

  // Validates `text` as a policy of `kind`, once per distinct text. Fails at `at`.
  template <class In>
  PolicyDocument Document(const In& at, policy::PolicyKind kind);

  IdGenerator* ids() const { return ids_; }
  ImportNotes& notes() { return notes_; }
  std::string account;  // the account being decoded (for notes)
  TimeMs now = 0;       // an account's creation time when the input gives none

 private:
  IdGenerator* ids_;
  ImportNotes notes_;
  // Per kind: the texts already validated (looked up by view: a text seen before costs no
  // copy).
  std::map<int, std::set<std::string, std::less<>>> valid_;
};

// The decoders read either JSON type (JsonIn or TreeIn); `In` is one of those two.
// Each decoder checks the entity's own shape and values; references to other entities are
// checked by DecodeAccount.
template <class In>
User DecodeUser(const In& in, DecodeContext& ctx);
template <class In>
Group DecodeGroup(const In& in, DecodeContext& ctx);
template <class In>
Role DecodeRole(const In& in, DecodeContext& ctx);
template <class In>
ManagedPolicy DecodeManagedPolicy(const In& in, DecodeContext& ctx);
template <class In>
AccessKey DecodeAccessKey(const In& in, DecodeContext& ctx);
template <class In>
InstanceProfile DecodeInstanceProfile(const In& in, DecodeContext& ctx);
template <class In>
AccountSettings DecodeSettings(const In& in);
// A device without its seed (an export without secrets) gets a fresh one when the context has
// an id generator, and fails otherwise.
template <class In>
MfaDevice DecodeMfaDevice(const In& in, DecodeContext& ctx);
template <class In>
SshPublicKey DecodeSshPublicKey(const In& in, DecodeContext& ctx);
template <class In>
SigningCertificate DecodeSigningCertificate(const In& in, DecodeContext& ctx);
template <class In>
ServerCertificate DecodeServerCertificate(const In& in, DecodeContext& ctx);

// A whole account, checked for consistency as the operations keep it: names unique without
// regard to case; group membership, key ownership and role/instance-profile links present
// on both sides; attached policies and boundaries that exist; attachment and boundary usage
// counts that match (computed when left out).
template <class In>
AccountState DecodeAccount(const In& in, const std::string& account_id, DecodeContext& ctx);

// An account id: twelve digits.
bool IsAccountId(std::string_view id);

}  // namespace iamlite::state
