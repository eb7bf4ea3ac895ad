#include "core/aws_managed_policies.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>

namespace iamlite {

// Defined in the generated aws_managed_policies_data.cc (see CMakeLists.txt).
extern const char kAwsManagedPoliciesJson[];
extern const std::size_t kAwsManagedPoliciesJsonSize;

namespace {

using nlohmann::json;

// s[pos, pos + n) as a number, or -1 unless it is all ASCII digits.
int Digits(std::string_view s, size_t pos, size_t n) {
  if (n == 0 || n > 9 || pos + n > s.size()) return -1;
  int v = 0;
  for (char c : s.substr(pos, n)) {
    if (c < '0' || c > '9') return -1;
    v = v * 10 + (c - '0');
  }
  return v;
}

// "2015-02-06T18:39:46Z", exactly as the generator writes it.
std::optional<TimeMs> ParseUtcSeconds(std::string_view s) {
  if (s.size() != 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' ||
      s[16] != ':' || s[19] != 'Z')
    return std::nullopt;
  int y = Digits(s, 0, 4), mo = Digits(s, 5, 2), d = Digits(s, 8, 2);
  int h = Digits(s, 11, 2), mi = Digits(s, 14, 2), sec = Digits(s, 17, 2);
  if (y < 0 || mo < 0 || d < 0 || h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 59)
    return std::nullopt;
  using namespace std::chrono;
  year_month_day ymd{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return std::nullopt;
  auto t = sys_days(ymd) + hours(h) + minutes(mi) + seconds(sec);
  return duration_cast<milliseconds>(t.time_since_epoch()).count();
}

// Takes the string at j[key] out of the DOM (no copy). Throws json::exception when it is
// missing or not a string; ParseAwsManagedPolicies turns that into an error value.
std::string Take(json& j, const char* key) { return std::move(j.at(key).get_ref<std::string&>()); }

TimeMs TakeDate(json& j, const char* key) {
  std::string text = Take(j, key);
  auto t = ParseUtcSeconds(text);
  if (!t) throw std::invalid_argument(std::string(key) + " is not a UTC date: " + text);
  return *t;
}

int VersionNumber(std::string_view id) {
  return id.size() > 1 && id[0] == 'v' ? Digits(id, 1, id.size() - 1) : -1;
}

AwsManagedPolicy::Version TakeVersion(json& v) {
  AwsManagedPolicy::Version out;
  out.id = Take(v, "id");
  out.document = Take(v, "document");
  out.is_default = v.at("is_default").get<bool>();
  out.create_date = TakeDate(v, "create_date");
  if (VersionNumber(out.id) < 1) throw std::invalid_argument("bad version id " + out.id);
  return out;
}

AwsManagedPolicy TakePolicy(json& p) {
  AwsManagedPolicy out;
  out.name = Take(p, "name");
  out.path = Take(p, "path");
  out.arn = Take(p, "arn");
  out.id = Take(p, "id");
  out.default_version_id = Take(p, "default_version_id");
  out.create_date = TakeDate(p, "create_date");
  out.update_date = TakeDate(p, "update_date");
  out.attachable = p.at("attachable").get<bool>();
  if (p.contains("description")) out.description = Take(p, "description");
  for (json& v : p.at("versions")) out.versions.push_back(TakeVersion(v));
  return out;
}

// The invariants the rest of iamlite relies on; an empty string when they hold.
std::string Check(const AwsManagedPolicy& p) {
  if (p.path.empty() || p.path.front() != '/' || p.path.back() != '/') return "bad path";
  if (p.arn != std::string(kAwsManagedPolicyArnPrefix) + p.path.substr(1) + p.name)
    return "ARN does not match path and name";
  if (!p.id.starts_with("ANPA")) return "id does not start with ANPA";
  if (p.versions.empty()) return "no versions";
  if (!std::is_sorted(p.versions.begin(), p.versions.end(), [](const auto& a, const auto& b) {
        return VersionNumber(a.id) < VersionNumber(b.id);
      }))
    return "versions out of order";
  auto defaults = std::count_if(p.versions.begin(), p.versions.end(),
                                [](const auto& v) { return v.is_default; });
  const auto* def = p.DefaultVersion();
  if (defaults != 1 || !def || !def->is_default)
    return "default version is not exactly " + p.default_version_id;
  return "";
}

struct Catalogue {
  std::vector<AwsManagedPolicy> policies;
  std::unordered_map<std::string_view, const AwsManagedPolicy*> by_arn;
  std::vector<const AwsManagedPolicy*> sorted;
};

const Catalogue& Embedded() {
  static const Catalogue* const catalogue = [] {
    auto parsed = ParseAwsManagedPolicies(
        std::string_view(kAwsManagedPoliciesJson, kAwsManagedPoliciesJsonSize));
    // The embedded data is checked by tests; failing here is a build defect.
    if (!parsed) std::abort();
    auto* c = new Catalogue{std::move(*parsed), {}, {}};
    c->by_arn.reserve(c->policies.size());
    c->sorted.reserve(c->policies.size());
    for (const auto& p : c->policies) {
      c->by_arn.emplace(p.arn, &p);
      c->sorted.push_back(&p);
    }
    std::sort(c->sorted.begin(), c->sorted.end(),
              [](const auto* a, const auto* b) { return a->name < b->name; });
    return c;  // never freed: callers hold pointers until exit
  }();
  return *catalogue;
}

}  // namespace

const AwsManagedPolicy::Version* AwsManagedPolicy::FindVersion(std::string_view version_id) const {
  for (const auto& v : versions)
    if (v.id == version_id) return &v;
  return nullptr;
}

const AwsManagedPolicy::Version* AwsManagedPolicy::DefaultVersion() const {
  return FindVersion(default_version_id);
}

const AwsManagedPolicy* FindAwsManagedPolicy(std::string_view arn) {
  if (!arn.starts_with(kAwsManagedPolicyArnPrefix)) return nullptr;  // spares the first load
  const auto& by_arn = Embedded().by_arn;
  auto it = by_arn.find(arn);
  return it == by_arn.end() ? nullptr : it->second;
}

const std::vector<const AwsManagedPolicy*>& AwsManagedPoliciesSorted() { return Embedded().sorted; }

Result<std::vector<AwsManagedPolicy>> ParseAwsManagedPolicies(std::string_view json_text) {
  auto fail = [](const std::string& why) {
    return std::unexpected(errors::ServiceFailure("AWS managed policy catalogue: " + why));
  };
  json doc = json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (!doc.is_object() || !doc.contains("policies") || !doc["policies"].is_array())
    return fail("not a JSON object with a \"policies\" array");
  std::vector<AwsManagedPolicy> out;
  out.reserve(doc["policies"].size());
  std::unordered_set<std::string_view> arns;
  for (json& p : doc["policies"]) {
    try {
      out.push_back(TakePolicy(p));
    } catch (const std::exception& e) {  // json::exception or a bad value from TakeDate
      return fail("policy #" + std::to_string(out.size()) + ": " + e.what());
    }
    if (std::string why = Check(out.back()); !why.empty())
      return fail(out.back().name + ": " + why);
  }
  // A second pass: out no longer reallocates, so the views stay valid.
  for (const auto& p : out)
    if (!arns.insert(p.arn).second) return fail("duplicate ARN " + p.arn);
  return out;
}

}  // namespace iamlite
