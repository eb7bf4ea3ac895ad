// Decisions per second for a realistic principal: a user in 3 groups with 10 identity-based
// policies (user inline and managed, group inline and managed) of 5 statements each, every
// statement with conditions, over several services; a permissions boundary and an SCP level
// for the second group of benchmarks. Not a test: numbers depend on the machine. Build with
// `ninja -C build evaluator_bench`, run ./build/evaluator_bench.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "core/policy/evaluator.h"
#include "core/policy/parser.h"

namespace iamlite::policy {
namespace {

// Five statements, each with conditions, on the given service; `n` varies names and values.
std::string PolicyText(int n, const std::string& service) {
  const std::string i = std::to_string(n);
  // IAM ARNs carry no region, and their paths start with a resource type.
  const std::string region = service == "iam" ? "" : "*";
  const std::string kind = service == "iam" ? "user/" : "";
  return R"({"Version": "2012-10-17", "Statement": [
    {"Sid": "Read)" +
         i + R"(", "Effect": "Allow", "Action": [")" + service + R"(:Get*", ")" + service +
         R"(:List*"],
     "Resource": ["arn:aws:s3:::team-)" +
         i + R"(/*", "arn:aws:)" + service + ":" + region + R"(:111122223333:)" + kind +
         R"(thing-)" + i + R"(/*"],
     "Condition": {"StringEquals": {"aws:PrincipalTag/team": ["team-)" +
         i + R"(", "ops"]},
                   "Bool": {"aws:SecureTransport": "true"}}},
    {"Sid": "Home)" +
         i + R"(", "Effect": "Allow", "Action": ")" + service + R"(:*",
     "Resource": "arn:aws:s3:::home-)" +
         i + R"(/${aws:username}/*",
     "Condition": {"IpAddress": {"aws:SourceIp": ["203.0.113.0/24", "2001:db8::/32"]}}},
    {"Sid": "Write)" +
         i + R"(", "Effect": "Allow", "Action": [")" + service + R"(:Put*", ")" + service +
         R"(:Delete*"],
     "Resource": "arn:aws:s3:::team-)" +
         i + R"(/shared/*",
     "Condition": {"DateLessThan": {"aws:CurrentTime": "2030-01-01T00:00:00Z"},
                   "StringLike": {"s3:prefix": ["shared/*", "public/*"]}}},
    {"Sid": "Tagged)" +
         i + R"(", "Effect": "Allow", "Action": ")" + service + R"(:Describe*", "Resource": "*",
     "Condition": {"StringEqualsIgnoreCase": {"aws:ResourceTag/project": "apollo-)" +
         i + R"("},
                   "ForAllValues:StringEquals": {"aws:TagKeys": ["project", "owner"]}}},
    {"Sid": "NoLogs)" +
         i + R"(", "Effect": "Deny", "Action": ")" + service +
         R"(:*", "Resource": "arn:aws:s3:::*log*",
     "Condition": {"StringNotEquals": {"aws:PrincipalTag/role": "auditor"}}}
  ]})";
}

PolicySource Source(int n, const std::string& service, const std::string& type) {
  auto parsed = ParsePolicy(PolicyText(n, service), PolicyKind::kIdentity);
  if (!parsed) {
    std::fprintf(stderr, "policy %d: %s\n", n, parsed.error().message.c_str());
    std::abort();
  }
  return PolicySource{"policy-" + std::to_string(n), type, "", CompileShared(**parsed)};
}

// 1 user inline + 2 user managed + 2 + 2 + 3 group policies; s3 appears in four of them, the
// last of which (policy 9) allows the benchmarked request.
EvaluationInput Input() {
  const char* services[] = {"ec2", "s3", "dynamodb", "iam", "sqs", "s3", "sns", "kms", "s3", "s3"};
  const char* types[] = {"user",
                         "customer-managed",
                         "aws-managed",
                         "group",
                         "customer-managed",
                         "group",
                         "customer-managed",
                         "group",
                         "customer-managed",
                         "customer-managed"};
  EvaluationInput in;
  for (int i = 0; i < 10; ++i) in.identity.push_back(Source(i, services[i], types[i]));
  return in;
}

RequestContext Request(const std::string& action, const std::string& resource) {
  RequestContext r;
  r.action = action;
  r.resource = resource;
  r.principal = {PrincipalType::kUser, "arn:aws:iam::111122223333:user/alice", "111122223333", "",
                 ""};
  r.context.Set("aws:username", "alice");
  r.context.Set("aws:PrincipalTag/team", "team-9");
  r.context.Set("aws:SecureTransport", ContextValue{ValueType::kBool, false, {"true"}});
  r.context.Set("aws:SourceIp", ContextValue{ValueType::kIp, false, {"203.0.113.7"}});
  r.context.Set("aws:CurrentTime", ContextValue{ValueType::kDate, false, {"2025-06-01T12:00:00Z"}});
  r.context.Set("aws:TagKeys", ContextValue{ValueType::kString, true, {"project"}});
  r.context.Set("s3:prefix", "shared/");
  return r;
}

// state.range(0): 0 = a new Decision each time (Decision Evaluate(...)); 1 = one Decision
// reused, the allocation-free form a server thread would use.
void Run(benchmark::State& state, const EvaluationInput& in, const RequestContext& r,
         Verdict want) {
  Decision reused;
  for (auto _ : state) {
    if (state.range(0) == 0) {
      Decision d = Evaluate(in, r);
      if (d.verdict != want) state.SkipWithError("unexpected decision");
      benchmark::DoNotOptimize(d);
    } else {
      Evaluate(in, r, reused);
      if (reused.verdict != want) state.SkipWithError("unexpected decision");
      benchmark::DoNotOptimize(reused);
    }
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_Allowed(benchmark::State& state) {
  const EvaluationInput in = Input();
  const RequestContext r = Request("s3:GetObject", "arn:aws:s3:::team-9/report.csv");
  Run(state, in, r, Verdict::kAllow);
}
BENCHMARK(BM_Allowed)->Arg(0)->Arg(1);

void BM_AllowedByVariableResource(benchmark::State& state) {
  const EvaluationInput in = Input();
  const RequestContext r = Request("s3:PutObject", "arn:aws:s3:::home-8/alice/notes.txt");
  Run(state, in, r, Verdict::kAllow);
}
BENCHMARK(BM_AllowedByVariableResource)->Arg(0)->Arg(1);

void BM_ImplicitDeny(benchmark::State& state) {
  const EvaluationInput in = Input();
  const RequestContext r = Request("s3:PutBucketPolicy", "arn:aws:s3:::team-3");
  Run(state, in, r, Verdict::kImplicitDeny);
}
BENCHMARK(BM_ImplicitDeny)->Arg(0)->Arg(1);

void BM_ExplicitDeny(benchmark::State& state) {
  const EvaluationInput in = Input();
  const RequestContext r = Request("s3:GetObject", "arn:aws:s3:::team-logs/x");
  Run(state, in, r, Verdict::kExplicitDeny);
}
BENCHMARK(BM_ExplicitDeny)->Arg(0)->Arg(1);

void BM_AllowedWithBoundaryAndScp(benchmark::State& state) {
  EvaluationInput in = Input();
  auto compile = [](const char* text) {
    auto parsed = ParsePolicy(text, PolicyKind::kIdentity);
    if (!parsed) std::abort();
    return CompileShared(**parsed);
  };
  in.boundary = PolicySource{"boundary", "boundary", "", compile(R"({"Version": "2012-10-17",
      "Statement": [{"Effect": "Allow", "Action": ["s3:*", "dynamodb:*"], "Resource": "*",
                     "Condition": {"StringEquals": {"aws:PrincipalTag/team": ["team-9", "ops"]}}}]})")};
  GuardrailLevel level;
  level.name = "root";
  level.policies.push_back(
      PolicySource{"p-FullAWSAccess", "scp", "", compile(R"({"Version": "2012-10-17",
      "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"},
                    {"Effect": "Deny", "NotAction": ["iam:*", "s3:*"], "Resource": "*",
                     "Condition": {"StringNotEquals": {"aws:RequestedRegion": ["eu-west-1"]}}}]})")});
  in.scps.push_back(std::move(level));
  const RequestContext r = Request("s3:GetObject", "arn:aws:s3:::team-9/report.csv");
  Run(state, in, r, Verdict::kAllow);
}
BENCHMARK(BM_AllowedWithBoundaryAndScp)->Arg(0)->Arg(1);

}  // namespace
}  // namespace iamlite::policy

BENCHMARK_MAIN();
