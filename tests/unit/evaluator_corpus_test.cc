// The evaluator's table of cases, one JSON file per topic in tests/data/evaluator/. Each case
// names its policies by type, the request, the decision the IAM User Guide gives (worked out
// by hand from the rule quoted in its "why"), and optionally the statements that must have
// applied, the reason, the missing context keys and phrases the explanation must contain.
// Adding a case needs no C++. The format is described in tests/data/evaluator/README.md.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "core/base64.h"
#include "core/policy/evaluator.h"
#include "core/policy/explain.h"
#include "core/policy/parser.h"
#include "tests/unit/test_util.h"

namespace iamlite::policy {
namespace {

using nlohmann::json;

struct CorpusCase {
  std::string file;
  std::string name;
  json body;       // the case, with the file's defaults merged in
  std::string id;  // a GoogleTest-safe name
};

// GoogleTest prints a failing parameter; name it instead of dumping its bytes.
void PrintTo(const CorpusCase& c, std::ostream* os) { *os << c.file << ": " << c.name; }

// File defaults under "defaults" fill what a case leaves out (one level deep for "request").
json Merge(const json& defaults, json body) {
  for (auto it = defaults.begin(); it != defaults.end(); ++it) {
    if (!body.contains(it.key())) {
      body[it.key()] = it.value();
    } else if (it.value().is_object() && body[it.key()].is_object() && it.key() == "request") {
      for (auto r = it.value().begin(); r != it.value().end(); ++r)
        if (!body[it.key()].contains(r.key())) body[it.key()][r.key()] = r.value();
    }
  }
  return body;
}

std::string SafeId(const std::string& s) {
  std::string out;
  for (char c : s) out.push_back(std::isalnum(static_cast<unsigned char>(c)) ? c : '_');
  return out;
}

std::vector<CorpusCase> LoadCorpus() {
  std::vector<CorpusCase> out;
  const std::filesystem::path dir =
      std::filesystem::path(IAMLITE_SOURCE_DIR) / "tests/data/evaluator";
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir))
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  for (const auto& path : files) {
    std::ifstream in(path);
    std::stringstream ss;
    ss << in.rdbuf();
    const json file = json::parse(ss.str());
    const json defaults = file.value("defaults", json::object());
    int n = 0;
    for (const json& c : file.at("cases")) {
      CorpusCase cc;
      cc.file = path.filename().string();
      cc.name = c.at("name").get<std::string>();
      cc.body = Merge(defaults, c);
      cc.id = SafeId(path.stem().string()) + "_" + std::to_string(n++) + "_" + SafeId(cc.name);
      out.push_back(std::move(cc));
    }
  }
  return out;
}

const std::vector<CorpusCase>& Corpus() {
  static const std::vector<CorpusCase> corpus = LoadCorpus();
  return corpus;
}

// Everything a case's decision points into.
struct Built {
  EvaluationInput input;
  RequestContext request;
  std::string error;  // set when the case itself is malformed
};

// A policy: a document object, its JSON text, a bare statement list, or
// {"id", "type", "label", "document"}.
bool BuildPolicy(const json& j, PolicyKind kind, const std::string& default_id,
                 const std::string& default_type, PolicySource& out, std::string& error) {
  json doc = j;
  out.id = default_id;
  out.type = default_type;
  if (j.is_object() && j.contains("document")) {
    doc = j.at("document");
    out.id = j.value("id", default_id);
    out.type = j.value("type", default_type);
    out.label = j.value("label", "");
  }
  if (doc.is_array()) doc = json{{"Version", "2012-10-17"}, {"Statement", doc}};
  const std::string text = doc.is_string() ? doc.get<std::string>() : doc.dump();
  auto parsed = ParsePolicy(text, kind);
  if (!parsed) {
    error = "policy " + out.id + " does not parse: " + parsed.error().message;
    return false;
  }
  out.policy = CompileShared(**parsed);
  return true;
}

bool BuildList(const json& j, PolicyKind kind, const std::string& prefix, const std::string& type,
               std::vector<PolicySource>& out, std::string& error) {
  int i = 0;
  for (const json& p : j) {
    PolicySource s;
    if (!BuildPolicy(p, kind, prefix + std::to_string(++i), type, s, error)) return false;
    out.push_back(std::move(s));
  }
  return true;
}

// "scp": [policy, ...] is one level; {"levels": [[policy, ...], [policy, ...]]} one list per
// level (root, OU, account...).
bool BuildGuardrails(const json& j, const std::string& type, std::vector<GuardrailLevel>& out,
                     std::string& error) {
  const json list = j.is_object() ? j.at("levels") : json::array({j});
  int n = 0;
  for (const json& level : list) {
    GuardrailLevel g;
    g.name = type + " level " + std::to_string(++n);
    if (!BuildList(level, type == "SCP" ? PolicyKind::kInlineIdentity : PolicyKind::kResource,
                   type + " " + std::to_string(n) + ".", type == "SCP" ? "scp" : "rcp", g.policies,
                   error)) {
      return false;
    }
    out.push_back(std::move(g));
  }
  return true;
}

ContextValue ContextValueOf(const json& v) {
  ContextValue out;
  auto text = [](const json& x) { return x.is_string() ? x.get<std::string>() : x.dump(); };
  if (v.is_object()) {
    out.type = ValueTypeFromName(v.value("type", "string")).value_or(ValueType::kString);
    if (v.contains("values")) {
      out.multivalued = true;
      for (const json& x : v.at("values")) out.values.push_back(text(x));
    } else {
      out.values.push_back(text(v.at("value")));
    }
    out.multivalued = v.value("multivalued", out.multivalued);
  } else if (v.is_array()) {
    out.multivalued = true;
    for (const json& x : v) out.values.push_back(text(x));
  } else {
    if (v.is_number()) out.type = ValueType::kNumber;
    if (v.is_boolean()) out.type = ValueType::kBool;
    out.values.push_back(text(v));
  }
  if (out.type == ValueType::kBinary) {
    for (std::string& s : out.values) s = Base64Decode(s).value_or("<bad base64>");
  }
  return out;
}

Principal PrincipalOf(const json& j) {
  Principal p;
  p.type = PrincipalTypeFromName(j.value("type", "user")).value_or(PrincipalType::kUser);
  p.arn = j.value("arn", "");
  p.account = j.value("account", "");
  p.parent_arn = j.value("parent", "");
  p.canonical_user = j.value("canonical_user", "");
  return p;
}

std::unique_ptr<Built> Build(const json& c) {
  auto b = std::make_unique<Built>();
  std::string& error = b->error;
  if (c.contains("identity") && !BuildList(c.at("identity"), PolicyKind::kInlineIdentity,
                                           "identity policy ", "inline", b->input.identity, error))
    return b;
  if (c.contains("boundary")) {
    PolicySource s;
    if (!BuildPolicy(c.at("boundary"), PolicyKind::kIdentity,
                     "arn:aws:iam::111122223333:policy/Boundary", "boundary", s, error))
      return b;
    b->input.boundary = std::move(s);
  }
  if (c.contains("session") && !BuildList(c.at("session"), PolicyKind::kInlineIdentity,
                                          "session policy ", "session", b->input.session, error))
    return b;
  if (c.contains("resource")) {
    const json& r = c.at("resource");
    ResourcePolicy rp;
    const std::string kind = r.is_object() ? r.value("kind", "resource") : "resource";
    rp.kind = kind == "trust" ? ResourcePolicyKind::kRoleTrust
              : kind == "key" ? ResourcePolicyKind::kKeyPolicy
                              : ResourcePolicyKind::kResourceBased;
    rp.owner_account = r.is_object() ? r.value("owner", "") : "";
    if (!BuildPolicy(
            r,
            rp.kind == ResourcePolicyKind::kRoleTrust ? PolicyKind::kTrust : PolicyKind::kResource,
            kind == "trust" ? "trust policy" : "resource policy", "resource", rp.source, error))
      return b;
    b->input.resource = std::move(rp);
  }
  if (c.contains("scp") && !BuildGuardrails(c.at("scp"), "SCP", b->input.scps, error)) return b;
  if (c.contains("rcp") && !BuildGuardrails(c.at("rcp"), "RCP", b->input.rcps, error)) return b;
  b->input.same_account = c.value("same_account", true);
  const json& r = c.at("request");
  b->request.action = r.at("action").get<std::string>();
  b->request.resource = r.at("resource").get<std::string>();
  b->request.principal = PrincipalOf(r.value("principal", json::object()));
  const json context = r.value("context", json::object());
  for (auto it = context.begin(); it != context.end(); ++it)
    b->request.context.Set(it.key(), ContextValueOf(it.value()));
  return b;
}

std::string SidOf(const StatementRef& ref) {
  const CompiledStatement& st = *ref.statement;
  if (!st.sid.empty()) return st.sid;
  std::string out = "#";
  out += std::to_string(st.index);
  return out;
}

std::string Expected(const json& expect) {
  return expect.is_string() ? expect.get<std::string>() : expect.at("decision").get<std::string>();
}

std::string VerdictWord(Verdict v) {
  switch (v) {
    case Verdict::kAllow:
      return "allow";
    case Verdict::kExplicitDeny:
      return "explicit_deny";
    case Verdict::kImplicitDeny:
      return "implicit_deny";
  }
  return "?";
}

std::vector<std::string> Sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  return v;
}

class EvaluatorCorpus : public ::testing::TestWithParam<CorpusCase> {};

TEST_P(EvaluatorCorpus, DecidesAsDocumented) {
  const CorpusCase& cc = GetParam();
  const json& c = cc.body;
  ASSERT_TRUE(c.contains("why") && !c.at("why").get<std::string>().empty())
      << cc.file << ": every case cites the rule it follows";
  std::unique_ptr<Built> built;
  try {
    built = Build(c);
  } catch (const json::exception& e) {
    FAIL() << cc.file << ": " << cc.name << ": malformed case: " << e.what();
  }
  ASSERT_TRUE(built->error.empty()) << cc.file << ": " << built->error;
  const Decision d = Evaluate(built->input, built->request);
  const std::string explanation = Explain(d);
  SCOPED_TRACE(cc.file + ": " + cc.name + "\n  why: " + c.at("why").get<std::string>() +
               "\n  explanation: " + explanation);
  // IAMLITE_EXPLAIN=1 prints every explanation, for reading them.
  if (std::getenv("IAMLITE_EXPLAIN") != nullptr)
    std::printf("%s\n  %s\n", cc.name.c_str(), explanation.c_str());
  const json& expect = c.at("expect");
  EXPECT_EQ(VerdictWord(d.verdict), Expected(expect));
  if (!expect.is_object()) return;
  if (expect.contains("reason")) {
    EXPECT_EQ(ReasonName(d.reason), expect.at("reason").get<std::string>());
  }
  if (expect.contains("matched")) {
    std::vector<std::string> got;
    for (const StatementRef& r : d.matched) got.push_back(SidOf(r));
    EXPECT_EQ(Sorted(got), Sorted(expect.at("matched").get<std::vector<std::string>>()));
  }
  if (expect.contains("denied_by")) {
    ASSERT_TRUE(d.denied_by.has_value());
    EXPECT_EQ(SidOf(*d.denied_by), expect.at("denied_by").get<std::string>());
  }
  if (expect.contains("missing")) {
    std::vector<std::string> got(d.missing_context_keys.begin(), d.missing_context_keys.end());
    EXPECT_EQ(Sorted(got), Sorted(expect.at("missing").get<std::vector<std::string>>()));
  }
  if (expect.contains("failed_conditions")) {
    std::vector<std::string> got;
    for (const ConditionFailure& f : d.failed_conditions)
      got.push_back(f.condition->op() + " " + f.condition->key());
    EXPECT_EQ(Sorted(got), Sorted(expect.at("failed_conditions").get<std::vector<std::string>>()));
  }
  for (const json& phrase : expect.value("explain_contains", json::array())) {
    EXPECT_NE(explanation.find(phrase.get<std::string>()), std::string::npos)
        << "explanation lacks: " << phrase.get<std::string>();
  }
}

INSTANTIATE_TEST_SUITE_P(Cases, EvaluatorCorpus, ::testing::ValuesIn(Corpus()),
                         [](const ::testing::TestParamInfo<CorpusCase>& p) { return p.param.id; });

TEST(EvaluatorCorpusSize, HoldsAtLeastThreeHundredCases) { EXPECT_GE(Corpus().size(), 300u); }

}  // namespace
}  // namespace iamlite::policy
