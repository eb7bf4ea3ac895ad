#include "server/actions/shapes.h"

namespace iamlite::shapes {

std::vector<std::string> StrList(const Json& in, const char* name) {
  std::vector<std::string> out;
  if (auto it = in.find(name); it != in.end())
    for (const auto& v : *it) out.push_back(v.get<std::string>());
  return out;
}

Tags TagsOf(const Json& in, const char* name) {
  Tags tags;
  if (auto it = in.find(name); it != in.end())
    for (const auto& t : *it) tags.push_back({t.value("Key", ""), t.value("Value", "")});
  return tags;
}

PageRequest PageOf(const Json& in) {
  PageRequest req;
  req.marker = OptStr(in, "Marker");
  req.max_items =
      static_cast<int>(in.value("MaxItems", static_cast<std::int64_t>(kDefaultMaxItems)));
  return req;
}

Json ToJson(const Tags& tags) {
  Json arr = Json::array();
  for (const auto& t : tags) {
    Json j;  // members one by one: an initializer list builds and copies a pair per member
    j["Key"] = t.key;
    j["Value"] = t.value;
    arr.push_back(std::move(j));
  }
  return arr;
}

Json PermissionsBoundaryJson(const std::string& policy_arn) {
  Json j;
  j["PermissionsBoundaryType"] = "Policy";
  j["PermissionsBoundaryArn"] = policy_arn;
  return j;
}

Json ToJson(const User& u, const std::string& account, bool full) {
  Json j;
  if (u.name.empty()) {  // the account root, as GetUser without a name answers it
    j["UserId"] = u.id;
    j["Arn"] = "arn:aws:iam::" + account + ":root";
    j["CreateDate"] = u.create_date;
    return j;
  }
  j["Path"] = u.path;
  j["UserName"] = u.name;
  j["UserId"] = u.id;
  j["Arn"] = u.Arn(account);
  j["CreateDate"] = u.create_date;
  if (u.password_last_used) j["PasswordLastUsed"] = *u.password_last_used;
  if (full) {
    if (!u.permissions_boundary.empty())
      j["PermissionsBoundary"] = PermissionsBoundaryJson(u.permissions_boundary);
    if (!u.tags.empty()) j["Tags"] = ToJson(u.tags);
  }
  return j;
}

Json ToJson(const Group& g, const std::string& account) {
  Json j;
  j["Path"] = g.path;
  j["GroupName"] = g.name;
  j["GroupId"] = g.id;
  j["Arn"] = g.Arn(account);
  j["CreateDate"] = g.create_date;
  return j;
}

}  // namespace iamlite::shapes
