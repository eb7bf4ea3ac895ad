// The compiled form of an IAM policy document: plain immutable values, produced once by
// ParsePolicy (parser.h) and read by the evaluator, which never sees JSON again.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace iamlite::policy {

enum class Effect { kAllow, kDeny };

// One condition operator applied to one key, e.g. {"StringLike": {"s3:prefix": ["a/*"]}}.
struct Condition {
  std::string op;   // as written, qualifiers included: "ForAnyValue:StringLikeIfExists"
  std::string key;  // as written; AWS compares keys without regard to case
  // Values as AWS compares them: strings as written, numbers and booleans as their JSON
  // text ("10", "true"). A single value and a one-element list compile alike.
  std::vector<std::string> values;
};

// The Principal (or NotPrincipal) element.
struct PrincipalSet {
  bool any = false;  // "Principal": "*"
  // Keyed by principal type ("AWS", "Service", "Federated", "CanonicalUser"); values as
  // written, so {"AWS": "*"} is by_type["AWS"] == {"*"} with any == false.
  std::map<std::string, std::vector<std::string>> by_type;
};

// A place in the original text, as the IAM policy simulator reports it (StartPosition and
// EndPosition of MatchedStatements): 1-based line, 1-based column counted in UTF-16 code
// units, of the character just after the statement's opening (start) or closing (end) brace.
struct TextPosition {
  int line = 1;
  int column = 1;
  friend bool operator==(const TextPosition&, const TextPosition&) = default;
};

struct TextSpan {
  TextPosition start;
  TextPosition end;
  std::size_t begin_offset = 0;  // byte offset of the statement's '{'
  std::size_t end_offset = 0;    // byte offset just past its '}'
};

struct Statement {
  std::string sid;  // empty when absent
  Effect effect = Effect::kAllow;
  bool not_action = false;           // the list below came from NotAction
  std::vector<std::string> actions;  // as written, e.g. "s3:Get*"
  bool not_resource = false;
  std::vector<std::string> resources;     // empty in trust policies, which have none
  std::optional<PrincipalSet> principal;  // Principal or NotPrincipal, when present
  bool not_principal = false;
  std::vector<Condition> conditions;  // in document order
  int index = 0;                      // 0-based position in the Statement list
  TextSpan span;
};

struct Policy {
  std::string version;  // as written; empty when absent (AWS then applies 2008-10-17 rules)
  std::string id;       // empty when absent
  std::vector<Statement> statements;
};

}  // namespace iamlite::policy
