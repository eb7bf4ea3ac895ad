#include "core/policy/policy_shape.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <unordered_map>

#include "core/policy/condition_operator.h"
#include "core/policy/text_locator.h"

namespace iamlite::policy {
namespace {

using Kind = JsonNode::Kind;
using Member = std::pair<std::string, JsonNode>;

// An object's members with duplicate keys folded: each key keeps the place of its first
// occurrence and the value of its last (Jackson's LinkedHashMap behaviour).
std::vector<const Member*> UniqueMembers(const JsonNode& object) {
  std::vector<const Member*> out;
  std::unordered_map<std::string_view, std::size_t> at;
  for (const Member& m : object.members) {
    auto [it, inserted] = at.try_emplace(m.first, out.size());
    if (inserted) {
      out.push_back(&m);
    } else {
      out[it->second] = &m;
    }
  }
  return out;
}

bool OnlyKeys(const JsonNode& object, std::initializer_list<std::string_view> allowed) {
  return std::all_of(object.members.begin(), object.members.end(), [&](const Member& m) {
    return std::find(allowed.begin(), allowed.end(), m.first) != allowed.end();
  });
}

// A string, or a list of strings.
std::optional<std::vector<std::string>> StringList(const JsonNode& node) {
  if (node.Is(Kind::kString)) return std::vector<std::string>{node.text};
  if (!node.Is(Kind::kArray)) return std::nullopt;
  std::vector<std::string> out;
  for (const JsonNode& item : node.items) {
    if (!item.Is(Kind::kString)) return std::nullopt;
    out.push_back(item.text);
  }
  return out;
}

// A scalar, or a list of scalars; numbers and booleans keep their JSON text.
std::optional<std::vector<std::string>> ScalarList(const JsonNode& node) {
  if (node.IsScalar()) return std::vector<std::string>{node.text};
  if (!node.Is(Kind::kArray)) return std::nullopt;
  std::vector<std::string> out;
  for (const JsonNode& item : node.items) {
    if (!item.IsScalar()) return std::nullopt;
    out.push_back(item.text);
  }
  return out;
}

constexpr std::array<std::string_view, 4> kPrincipalTypes = {"AWS", "Service", "Federated",
                                                             "CanonicalUser"};

std::optional<PrincipalSet> ReadPrincipal(const JsonNode& node) {
  PrincipalSet set;
  if (node.Is(Kind::kString) && node.text == "*") {
    set.any = true;
    return set;
  }
  if (!node.Is(Kind::kObject)) return std::nullopt;
  for (const Member* m : UniqueMembers(node)) {
    if (std::find(kPrincipalTypes.begin(), kPrincipalTypes.end(), m->first) ==
        kPrincipalTypes.end()) {
      return std::nullopt;
    }
    auto values = StringList(m->second);
    if (!values) return std::nullopt;
    set.by_type[m->first] = std::move(*values);
  }
  return set;
}

// One operator's block: {"key": value-or-values, ...}.
bool ReadOperatorBlock(const std::string& op, const JsonNode& block, std::vector<Condition>& out) {
  if (!block.Is(Kind::kObject)) return false;
  if (!block.members.empty() && !ParseConditionOperator(op)) return false;
  for (const Member* m : UniqueMembers(block)) {
    auto values = ScalarList(m->second);
    if (!values) return false;
    out.push_back(Condition{op, m->first, std::move(*values)});
  }
  return true;
}

std::optional<std::vector<Condition>> ReadConditions(const JsonNode& node) {
  if (!node.Is(Kind::kObject)) return std::nullopt;
  std::vector<Condition> out;
  for (const Member* m : UniqueMembers(node)) {
    if (!ReadOperatorBlock(m->first, m->second, out)) return std::nullopt;
  }
  return out;
}

bool EqualsNoCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

bool ReadEffect(const JsonNode* node, StatementDraft& d) {
  if (node == nullptr || !node->Is(Kind::kString)) return false;
  d.effect_text = node->text;
  if (EqualsNoCase(node->text, "Allow")) {
    d.statement.effect = Effect::kAllow;
  } else if (EqualsNoCase(node->text, "Deny")) {
    d.statement.effect = Effect::kDeny;
  } else {
    return false;
  }
  return true;
}

// Reads whichever of `name` / "Not" + `name` is present into `out`; both is a syntax error.
bool ReadEitherList(const JsonNode& s, std::string_view name, std::string_view not_name,
                    std::vector<std::string>& out, bool& negated) {
  const JsonNode* plain = s.Find(name);
  const JsonNode* negative = s.Find(not_name);
  if (plain != nullptr && negative != nullptr) return false;
  const JsonNode* present = plain != nullptr ? plain : negative;
  if (present == nullptr) return true;
  auto values = StringList(*present);
  if (!values) return false;
  out = std::move(*values);
  negated = present == negative;
  return true;
}

bool ReadPrincipals(const JsonNode& s, Statement& st) {
  const JsonNode* plain = s.Find("Principal");
  const JsonNode* negative = s.Find("NotPrincipal");
  if (plain != nullptr && negative != nullptr) return false;
  const JsonNode* present = plain != nullptr ? plain : negative;
  if (present == nullptr) return true;
  st.principal = ReadPrincipal(*present);
  st.not_principal = present == negative;
  return st.principal.has_value();
}

std::optional<StatementDraft> ReadStatement(const JsonNode& s) {
  if (!s.Is(Kind::kObject) || !OnlyKeys(s, {"Sid", "Effect", "Principal", "NotPrincipal", "Action",
                                            "NotAction", "Resource", "NotResource", "Condition"})) {
    return std::nullopt;
  }
  StatementDraft d;
  Statement& st = d.statement;
  if (const JsonNode* sid = s.Find("Sid")) {
    if (!sid->Is(Kind::kString)) return std::nullopt;
    st.sid = sid->text;
  }
  if (!ReadEffect(s.Find("Effect"), d) ||
      !ReadEitherList(s, "Action", "NotAction", st.actions, st.not_action) ||
      !ReadEitherList(s, "Resource", "NotResource", st.resources, st.not_resource) ||
      !ReadPrincipals(s, st)) {
    return std::nullopt;
  }
  d.has_resource = s.Find("Resource") != nullptr;
  d.has_not_resource = s.Find("NotResource") != nullptr;
  if (const JsonNode* condition = s.Find("Condition")) {
    auto conditions = ReadConditions(*condition);
    if (!conditions) return std::nullopt;
    st.conditions = std::move(*conditions);
  }
  return d;
}

bool ReadHeader(const JsonNode& root, PolicyDraft& draft) {
  if (!root.Is(Kind::kObject) || !OnlyKeys(root, {"Version", "Id", "Statement"})) return false;
  if (const JsonNode* version = root.Find("Version")) {
    if (!version->Is(Kind::kString) ||
        (version->text != "2012-10-17" && version->text != "2008-10-17")) {
      return false;
    }
    draft.has_version = true;
    draft.policy.version = version->text;
  }
  if (const JsonNode* id = root.Find("Id")) {
    if (!id->Is(Kind::kString)) return false;
    draft.policy.id = id->text;
  }
  return true;
}

// The statement objects: one object, or a non-empty list of them.
std::vector<const JsonNode*> StatementNodes(const JsonNode* node) {
  std::vector<const JsonNode*> out;
  if (node == nullptr) return out;
  if (node->Is(Kind::kObject)) {
    out.push_back(node);
  } else if (node->Is(Kind::kArray)) {
    for (const JsonNode& item : node->items) out.push_back(&item);
  }
  return out;
}

}  // namespace

std::optional<PolicyDraft> ReadPolicyShape(const JsonNode& root, std::string_view text) {
  PolicyDraft draft;
  if (!ReadHeader(root, draft)) return std::nullopt;
  const auto nodes = StatementNodes(root.Find("Statement"));
  if (nodes.empty()) return std::nullopt;
  TextLocator locate(text);
  for (const JsonNode* node : nodes) {
    auto d = ReadStatement(*node);
    if (!d) return std::nullopt;
    Statement& st = d->statement;
    st.index = static_cast<int>(draft.statements.size());
    st.span.begin_offset = node->begin;
    st.span.end_offset = node->end;
    st.span.start = locate.After(node->begin);
    st.span.end = locate.After(node->end - 1);
    draft.statements.push_back(std::move(*d));
  }
  return draft;
}

}  // namespace iamlite::policy
