// Small helpers shared by the action handlers: reading the decoded input tree and turning
// core entities into output trees.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/entities.h"
#include "core/pagination.h"
#include "server/action_table.h"

namespace iamlite::shapes {

inline std::string Str(const Json& in, const char* name) { return in.value(name, std::string()); }
inline std::optional<std::string> OptStr(const Json& in, const char* name) {
  auto it = in.find(name);
  if (it == in.end()) return std::nullopt;
  return it->get<std::string>();
}
std::vector<std::string> StrList(const Json& in, const char* name);
Tags TagsOf(const Json& in, const char* name = "Tags");
PageRequest PageOf(const Json& in);

Json ToJson(const Tags& tags);
// A user's or role's PermissionsBoundary member. AWS answers PermissionsBoundaryType "Policy"
// (recorded for roles; the model's enum says "PermissionsBoundaryPolicy", which AWS does not send).
Json PermissionsBoundaryJson(const std::string& policy_arn);
// `full`: include Tags and PermissionsBoundary (GetUser, CreateUser), as AWS does; ListUsers
// omits them.
Json ToJson(const User& user, const std::string& account, bool full);

// The Group shape (CreateGroup, GetGroup, ListGroups and GetAccountAuthorizationDetails' groups).
Json ToJson(const Group& group, const std::string& account);

template <class T, class F>
Json PageJson(const Page<T>& page, const char* list_name, F&& to_json) {
  Json out;
  Json items = Json::array();
  for (const auto& item : page.items) items.push_back(to_json(item));
  out[list_name] = std::move(items);
  out["IsTruncated"] = page.truncated;
  if (page.truncated) out["Marker"] = page.next_marker;
  return out;
}

}  // namespace iamlite::shapes
