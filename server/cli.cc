#include "server/cli.h"

#include <fstream>
#include <sstream>

#include "core/ops/simulator.h"
#include "core/policy/parser.h"
#include "server/actions/simulator_shapes.h"

namespace iamlite::cli {
namespace {

bool ReadFile(const std::string& path, std::string& text) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return false;
  std::ostringstream s;
  s << f.rdbuf();
  text = s.str();
  return true;
}

int Usage(std::ostream& err, const std::string& msg) {
  err << "iamlite: " << msg << "\n(see iamlite --help)\n";
  return 2;
}

// "key=type:value" or "key=value" (string); list types take comma-separated values.
bool ParseContext(const std::string& spec, ops::SimContextEntry& e) {
  auto eq = spec.find('=');
  if (eq == 0 || eq == std::string::npos) return false;
  e.name = spec.substr(0, eq);
  std::string rest = spec.substr(eq + 1);
  static const char* kTypes[] = {"string",  "stringList",  "numeric", "numericList",
                                 "boolean", "booleanList", "ip",      "ipList",
                                 "binary",  "binaryList",  "date",    "dateList"};
  e.type = "string";
  if (auto colon = rest.find(':'); colon != std::string::npos) {
    for (const char* t : kTypes)
      if (rest.compare(0, colon, t) == 0) {
        e.type = t;
        rest = rest.substr(colon + 1);
        break;
      }
  }
  if (e.type.ends_with("List")) {
    std::size_t at = 0;
    while (at <= rest.size()) {
      auto comma = rest.find(',', at);
      if (comma == std::string::npos) comma = rest.size();
      e.values.push_back(rest.substr(at, comma - at));
      at = comma + 1;
    }
  } else {
    e.values.push_back(rest);
  }
  return true;
}

std::string_view ServiceOf(std::string_view action) {
  auto colon = action.find(':');
  return colon == std::string_view::npos ? std::string_view() : action.substr(0, colon);
}

// The service of a resource ARN ("arn:aws:s3:::b" -> "s3"); empty for "*" or a wildcard.
std::string_view ResourceService(std::string_view arn) {
  if (!arn.starts_with("arn:")) return {};
  arn.remove_prefix(4);
  auto colon = arn.find(':');
  if (colon == std::string_view::npos) return {};
  arn.remove_prefix(colon + 1);
  auto service = arn.substr(0, arn.find(':'));
  if (service.find_first_of("*?$") != std::string_view::npos) return {};
  return service;
}

}  // namespace

std::vector<std::string> Findings(const std::string& text, bool resource_kind) {
  (void)resource_kind;
  std::vector<std::string> out;
  auto parsed = policy::ParsePolicy(text, policy::PolicyKind::kResource);
  if (!parsed) parsed = policy::ParsePolicy(text, policy::PolicyKind::kTrust);
  if (!parsed) parsed = policy::ParsePolicy(text, policy::PolicyKind::kInlineIdentity);
  if (!parsed) return out;
  for (const auto& s : (*parsed)->statements) {
    const std::string where =
        "statement " + std::to_string(s.index + 1) + (s.sid.empty() ? "" : " (" + s.sid + ")");
    bool all_wild = false;
    for (const auto& a : s.actions) {
      if (a == "*") {
        all_wild = true;
        continue;
      }
      auto service = ServiceOf(a);
      if (service.empty()) {
        out.push_back(where + ": action \"" + a + "\" has no service prefix (vendor:Action)");
      } else if (service.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-*?") !=
                 std::string_view::npos) {
        out.push_back(where + ": action \"" + a + "\" has an unknown-looking service prefix \"" +
                      std::string(service) + "\" (service prefixes are lower case)");
      }
    }
    if (s.not_action && all_wild)
      out.push_back(where + ": NotAction \"*\" excludes every action, so it never matches");
    bool resource_wild = false;
    for (const auto& r : s.resources) resource_wild = resource_wild || r == "*";
    if (s.not_resource && resource_wild)
      out.push_back(where + ": NotResource \"*\" excludes every resource, so it never matches");
    if (!s.not_action && !s.not_resource && !s.resources.empty() && !all_wild) {
      // Every action names a service and every resource ARN another: nothing can match.
      bool any = false;
      for (const auto& a : s.actions) {
        auto service = ServiceOf(a);
        if (service.empty() || service.find_first_of("*?") != std::string_view::npos) any = true;
        for (const auto& r : s.resources) {
          auto rs = ResourceService(r);
          if (rs.empty() || rs == service) any = true;
        }
      }
      if (!any)
        out.push_back(where +
                      ": no action's service matches a resource's service, so it never matches");
    }
  }
  return out;
}

int Validate(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  std::string file, kind_name = "identity";
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--kind") {
      if (i + 1 >= args.size()) return Usage(err, "--kind needs identity|inline|trust|resource");
      kind_name = args[++i];
    } else if (args[i].starts_with("--")) {
      return Usage(err, "unknown option " + args[i]);
    } else if (file.empty()) {
      file = args[i];
    } else {
      return Usage(err, "validate takes one file");
    }
  }
  if (file.empty()) return Usage(err, "validate needs a policy file");
  policy::PolicyKind kind;
  if (kind_name == "identity") {
    kind = policy::PolicyKind::kIdentity;
  } else if (kind_name == "inline") {
    kind = policy::PolicyKind::kInlineIdentity;
  } else if (kind_name == "trust") {
    kind = policy::PolicyKind::kTrust;
  } else if (kind_name == "resource") {
    kind = policy::PolicyKind::kResource;
  } else {
    return Usage(err, "--kind needs identity|inline|trust|resource");
  }
  std::string text;
  if (!ReadFile(file, text)) return Usage(err, "cannot read " + file);
  auto parsed = policy::ParsePolicy(text, kind);
  if (!parsed) {
    out << "MalformedPolicyDocument: " << parsed.error().message << "\n";
    return 1;
  }
  out << "valid\n";
  for (const auto& f : Findings(text, kind == policy::PolicyKind::kResource))
    out << "finding: " << f << "\n";
  return 0;
}

int Simulate(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  ops::SimulationInput in;
  bool json = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&]() -> const std::string* { return i + 1 < args.size() ? &args[++i] : nullptr; };
    auto file = [&](std::string& text) -> int {
      const std::string* v = value();
      if (!v) return Usage(err, a + " needs a file");
      if (!ReadFile(*v, text)) return Usage(err, "cannot read " + *v);
      return 0;
    };
    if (a == "--policy") {
      std::string text;
      if (int rc = file(text)) return rc;
      in.policy_inputs.push_back(std::move(text));
    } else if (a == "--boundary") {
      std::string text;
      if (int rc = file(text)) return rc;
      in.boundary_inputs = {std::move(text)};
    } else if (a == "--resource-policy") {
      std::string text;
      if (int rc = file(text)) return rc;
      in.resource_policy = std::move(text);
    } else if (a == "--action") {
      const std::string* v = value();
      if (!v) return Usage(err, "--action needs an action name");
      in.actions.push_back(*v);
    } else if (a == "--resource") {
      const std::string* v = value();
      if (!v) return Usage(err, "--resource needs an ARN");
      in.resources.push_back(*v);
    } else if (a == "--caller") {
      const std::string* v = value();
      if (!v) return Usage(err, "--caller needs an ARN");
      in.caller_arn = *v;
    } else if (a == "--context") {
      const std::string* v = value();
      ops::SimContextEntry e;
      if (!v || !ParseContext(*v, e)) return Usage(err, "--context needs key=type:value");
      in.context.push_back(std::move(e));
    } else if (a == "--json") {
      json = true;
    } else {
      return Usage(err, "unknown option " + a);
    }
  }
  if (in.policy_inputs.empty()) return Usage(err, "simulate needs at least one --policy FILE");
  if (in.actions.empty()) return Usage(err, "simulate needs at least one --action");
  auto results = ops::SimulateOffline(in);
  if (!results) return Usage(err, results.error().code + ": " + results.error().message);
  bool all_allowed = true;
  nlohmann::json list = nlohmann::json::array();
  for (const auto& e : *results) {
    all_allowed = all_allowed && e.decision == "allowed";
    if (json) {
      auto j = SimEvaluationJson(e);
      j["Explanation"] = e.explanation;
      list.push_back(std::move(j));
    } else {
      out << e.action << " on " << e.resource << ": " << e.decision << "\n";
      std::istringstream lines(e.explanation);
      for (std::string line; std::getline(lines, line);) out << "  " << line << "\n";
    }
  }
  if (json) out << nlohmann::json{{"EvaluationResults", list}}.dump(2) << "\n";
  return all_allowed ? 0 : 1;
}

}  // namespace iamlite::cli
