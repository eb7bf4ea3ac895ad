// What an account costs in memory per user (a benchmark: it prints, it asserts nothing; built
// on request, `ninja -C build memory_footprint_bench && build/memory_footprint_bench`). The
// issue's target (10,000 users with an access key and an inline policy in <= 20 MiB of RSS)
// leaves about 1.2 KiB per user once the process's base is paid. Measured as the heap bytes in
// use (malloc's own chunk overhead included) after building users through the real
// operations, as scripts/bench does through the server: once with one document for every
// user, once with a document of its own per user (nothing for the pool of identical texts in
// core/policy_document.cc to share).
#include <malloc.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "core/caller.h"
#include "core/clock.h"
#include "core/ids.h"
#include "core/ops/access_keys.h"
#include "core/ops/context.h"
#include "core/ops/inline_policies.h"
#include "core/ops/users.h"
#include "core/store.h"

namespace {

using namespace iamlite;

constexpr int kUsers = 2000;
constexpr const char* kDoc =
    R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", )"
    R"("s3:ListBucket"], "Resource": ["arn:aws:s3:::team-bucket", "arn:aws:s3:::team-bucket/*"]}]})";

std::size_t HeapInUse() { return mallinfo2().uordblks; }

template <class T>
void Check(const T& result, const char* what) {
  if (!result) {
    std::fprintf(stderr, "%s failed\n", what);
    std::exit(1);
  }
}

std::string Name(int i) { return "mem-user-" + std::to_string(i); }

std::string DocOf(int i, bool distinct) {
  std::string text = kDoc;
  if (distinct) text.replace(text.find("team-bucket"), 11, "bucket-" + std::to_string(100000 + i));
  return text;
}

void Run(bool distinct) {
  Store store;
  FakeClock clock{1'700'000'000'000};
  SeededIdGenerator ids{7};
  Caller caller = Caller::Root("123456789012");
  OpContext ctx{store, clock, ids, caller};
  Check(ops::CreateUser(ctx, {Name(0), "/", "", {}}), "CreateUser");  // the account exists
  const std::size_t base = HeapInUse();
  for (int i = 1; i <= kUsers; ++i)
    Check(ops::CreateUser(ctx, {Name(i), "/", "", {}}), "CreateUser");
  const std::size_t users = HeapInUse();
  for (int i = 1; i <= kUsers; ++i) Check(ops::CreateAccessKey(ctx, Name(i)), "CreateAccessKey");
  const std::size_t keys = HeapInUse();
  for (int i = 1; i <= kUsers; ++i)
    Check(ops::PutInlinePolicy(ctx, ops::EntityKind::kUser, Name(i), "inline", DocOf(i, distinct)),
          "PutUserPolicy");
  const std::size_t all = HeapInUse();
  auto per = [](std::size_t a, std::size_t b) { return double(b - a) / kUsers; };
  std::printf("%s: bytes per user: user %.0f, access key %.0f, inline policy %.0f, total %.0f\n",
              distinct ? "a document per user" : "one document for all", per(base, users),
              per(users, keys), per(keys, all), per(base, all));
}

}  // namespace

int main() {
  Run(false);
  Run(true);
  return 0;
}
