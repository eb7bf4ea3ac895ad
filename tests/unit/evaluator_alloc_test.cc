// Evaluate into a reused Decision allocates nothing once its vectors have grown: the
// evaluation path reads compiled policies and the request without copying strings.
#include <gtest/gtest.h>

#include <cstdlib>
#include <new>

#include "core/policy/evaluator.h"
#include "core/policy/parser.h"

namespace {
thread_local bool counting = false;
thread_local long allocations = 0;
}  // namespace

// Counts this thread's allocations while `counting` is set; otherwise plain malloc/free.
// Every unaligned form is replaced, so that whatever allocates with one (std::stable_sort's
// buffer uses the nothrow new) frees with its partner: replacing only some of them pairs
// malloc with AddressSanitizer's own operator new (alloc-dealloc-mismatch).
namespace {
void* CountedAlloc(std::size_t n) noexcept {
  if (counting) ++allocations;
  return std::malloc(n == 0 ? 1 : n);
}
void* CountedAllocOrThrow(std::size_t n) {
  if (void* p = CountedAlloc(n)) return p;
  throw std::bad_alloc();
}
}  // namespace
void* operator new(std::size_t n) { return CountedAllocOrThrow(n); }
void* operator new[](std::size_t n) { return CountedAllocOrThrow(n); }
void* operator new(std::size_t n, const std::nothrow_t&) noexcept { return CountedAlloc(n); }
void* operator new[](std::size_t n, const std::nothrow_t&) noexcept { return CountedAlloc(n); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }

namespace iamlite::policy {
namespace {

std::shared_ptr<const CompiledPolicy> Compiled(const char* text, PolicyKind kind) {
  auto parsed = ParsePolicy(text, kind);
  EXPECT_TRUE(parsed.has_value());
  return CompileShared(**parsed);
}

TEST(EvaluatorAllocations, NoneWithAReusedDecision) {
  EvaluationInput in;
  in.identity.push_back({"p", "user", "",
                         Compiled(R"({"Version": "2012-10-17", "Statement": [
      {"Sid": "Home", "Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::b/${aws:username}/*",
       "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}, "Bool": {"aws:SecureTransport": "true"},
                     "ForAllValues:StringLike": {"aws:TagKeys": ["team*"]}}},
      {"Sid": "Tagged", "Effect": "Allow", "Action": "s3:*", "Resource": "*",
       "Condition": {"StringEquals": {"aws:PrincipalTag/team": "${aws:PrincipalTag/owner}"}}},
      {"Sid": "NoLogs", "Effect": "Deny", "Action": "s3:*", "Resource": "arn:aws:s3:::*log*",
       "Condition": {"DateLessThan": {"aws:CurrentTime": "2030-01-01T00:00:00Z"}}}]})",
                                  PolicyKind::kIdentity)});
  in.boundary = PolicySource{"b", "boundary", "",
                             Compiled(R"({"Version": "2012-10-17", "Statement": [
      {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]})",
                                      PolicyKind::kIdentity)};
  RequestContext r;
  r.action = "s3:GetObject";
  r.resource = "arn:aws:s3:::b/alice/k";
  r.principal = {PrincipalType::kUser, "arn:aws:iam::111122223333:user/alice", "111122223333", "",
                 ""};
  r.context.Set("aws:username", "alice");
  r.context.Set("aws:SourceIp", ContextValue{ValueType::kIp, false, {"203.0.113.9"}});
  r.context.Set("aws:SecureTransport", ContextValue{ValueType::kBool, false, {"true"}});
  r.context.Set("aws:CurrentTime", ContextValue{ValueType::kDate, false, {"2025-01-01T00:00:00Z"}});
  r.context.Set("aws:TagKeys", ContextValue{ValueType::kString, true, {"team"}});

  Decision d;
  Evaluate(in, r, d);  // grows the vectors
  ASSERT_TRUE(d.allowed());
  ASSERT_FALSE(d.failed_conditions.empty());  // Tagged: the variable has no value
  ASSERT_FALSE(d.missing_context_keys.empty());
  counting = true;
  for (int i = 0; i < 100; ++i) Evaluate(in, r, d);
  counting = false;
  EXPECT_EQ(allocations, 0);
  EXPECT_TRUE(d.allowed());
}

}  // namespace
}  // namespace iamlite::policy
