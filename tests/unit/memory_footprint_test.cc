// What an account costs in memory per user: the issue's target (10,000 users with an access
// key and an inline policy in <= 20 MiB of RSS) leaves about 1.2 KiB per user once the
// process's base is paid. Measured as the heap bytes in use (malloc's own chunk overhead
// included) after building users through the real operations, as scripts/bench does.
#include <gtest/gtest.h>
#include <malloc.h>

#include <cstdio>
#include <string>

#include "core/ops/access_keys.h"
#include "core/ops/inline_policies.h"
#include "core/ops/users.h"
#include "tests/unit/op_test_base.h"

namespace iamlite {
namespace {

constexpr const char* kDoc =
    R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", )"
    R"("s3:ListBucket"], "Resource": ["arn:aws:s3:::team-bucket", "arn:aws:s3:::team-bucket/*"]}]})";

std::size_t HeapInUse() { return mallinfo2().uordblks; }

class MemoryFootprint : public testing::OpTest {};

TEST_F(MemoryFootprint, UserWithKeyAndInlinePolicy) {
  constexpr int kUsers = 2000;
  auto name = [](int i) { return "mem-user-" + std::to_string(i); };
  ASSERT_TRUE(ops::CreateUser(ctx_, {name(0), "/", "", {}}));  // the account exists
  const std::size_t base = HeapInUse();
  for (int i = 1; i <= kUsers; ++i) ASSERT_TRUE(ops::CreateUser(ctx_, {name(i), "/", "", {}}));
  const std::size_t users = HeapInUse();
  for (int i = 1; i <= kUsers; ++i) ASSERT_TRUE(ops::CreateAccessKey(ctx_, name(i)));
  const std::size_t keys = HeapInUse();
  for (int i = 1; i <= kUsers; ++i)
    ASSERT_TRUE(ops::PutInlinePolicy(ctx_, ops::EntityKind::kUser, name(i), "inline", kDoc));
  const std::size_t all = HeapInUse();
  auto per = [](std::size_t a, std::size_t b) { return double(b - a) / kUsers; };
  std::printf("bytes per user: user %.0f, access key %.0f, inline policy %.0f, total %.0f\n",
              per(base, users), per(users, keys), per(keys, all), per(base, all));
  EXPECT_LE(per(base, all), 1150.0);
}

// Every user with a document of its own: no text to share, the worst case for the pool of
// identical texts (policy_document.cc), which must not make it cost much more.
TEST_F(MemoryFootprint, UserWithKeyAndDistinctInlinePolicy) {
  constexpr int kUsers = 2000;
  auto name = [](int i) { return "mem-user-" + std::to_string(i); };
  auto doc = [](int i) {
    std::string text = kDoc;
    text.replace(text.find("team-bucket"), 11, "bucket-" + std::to_string(100000 + i));
    return text;
  };
  ASSERT_TRUE(ops::CreateUser(ctx_, {name(0), "/", "", {}}));
  const std::size_t base = HeapInUse();
  for (int i = 1; i <= kUsers; ++i) {
    ASSERT_TRUE(ops::CreateUser(ctx_, {name(i), "/", "", {}}));
    ASSERT_TRUE(ops::CreateAccessKey(ctx_, name(i)));
    ASSERT_TRUE(ops::PutInlinePolicy(ctx_, ops::EntityKind::kUser, name(i), "inline", doc(i)));
  }
  const double per = double(HeapInUse() - base) / kUsers;
  std::printf("bytes per user, distinct documents: %.0f\n", per);
  EXPECT_LE(per, 1400.0);
}

}  // namespace
}  // namespace iamlite
