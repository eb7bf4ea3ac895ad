#include "core/ops/mfa.h"

#include <gtest/gtest.h>

#include "core/ops/account.h"
#include "core/ops/users.h"
#include "core/totp.h"
#include "tests/unit/op_test_base.h"

namespace iamlite {
namespace {

class MfaTest : public testing::OpTest {
 protected:
  void SetUp() override { ASSERT_TRUE(ops::CreateUser(ctx_, {"Alice", "/", "", {}})); }

  ops::CreatedMfaDevice MustCreate(const std::string& name, const std::string& path = "/") {
    auto d = ops::CreateVirtualMfaDevice(ctx_, {name, path, {}});
    EXPECT_TRUE(d.has_value()) << name;
    return d.value_or(ops::CreatedMfaDevice{});
  }
  // The code the device shows `offset` steps from now.
  std::string Code(const ops::CreatedMfaDevice& d, std::int64_t offset) {
    auto seed = totp::Base32Decode(d.base32_seed);
    return totp::HotpCode(*seed, static_cast<std::uint64_t>(totp::StepAt(clock_.Now()) + offset));
  }
  Result<void> Enable(const ops::CreatedMfaDevice& d, std::int64_t offset,
                      const std::string& user = "Alice") {
    return ops::EnableMfaDevice(ctx_,
                                {user, d.serial_number, Code(d, offset), Code(d, offset + 1)});
  }
  template <class T>
  static void ExpectError(const Result<T>& r, const char* code, int status,
                          const std::string& message) {
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().code, code);
    EXPECT_EQ(r.error().http_status, status);
    EXPECT_EQ(r.error().message, message);
  }
};

TEST_F(MfaTest, CreateGivesARandomTwentyByteSeedAndAQrPng) {
  auto d = MustCreate("phone", "/team/");
  EXPECT_EQ(d.serial_number, "arn:aws:iam::123456789012:mfa/team/phone");
  EXPECT_EQ(d.base32_seed.size(), 32u);  // 20 bytes in Base32, unpadded
  auto seed = totp::Base32Decode(d.base32_seed);
  ASSERT_TRUE(seed.has_value());
  EXPECT_EQ(seed->size(), 20u);
  EXPECT_EQ(d.qr_code_png.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
  auto other = MustCreate("tablet");
  EXPECT_NE(other.base32_seed, d.base32_seed);
  ExpectError(ops::CreateVirtualMfaDevice(ctx_, {"PHONE", "/", {}}), "EntityAlreadyExists", 409,
              "MFA device already exists.");
}

TEST_F(MfaTest, OtpAuthUriNamesTheDeviceAndAccount) {
  EXPECT_EQ(ops::OtpAuthUri("phone", "123456789012", "ABC"),
            "otpauth://totp/phone@123456789012?secret=ABC");
  EXPECT_EQ(ops::OtpAuthUri("a+b", "my-alias", "ABC"), "otpauth://totp/a%2Bb@my-alias?secret=ABC");
}

TEST_F(MfaTest, EnableChecksTwoConsecutiveCodesWithinOneStep) {
  auto d = MustCreate("phone");
  const char* kBad = "Authentication code for device is not valid.";
  ExpectError(Enable(d, -3), "InvalidAuthenticationCode", 403, kBad);
  ExpectError(Enable(d, 2), "InvalidAuthenticationCode", 403, kBad);
  ExpectError(ops::EnableMfaDevice(ctx_, {"Alice", d.serial_number, Code(d, 0), Code(d, 0)}),
              "InvalidAuthenticationCode", 403, kBad);
  ExpectError(Enable(d, 0, "nobody"), "NoSuchEntity", 404,
              "The user with name nobody cannot be found.");
  ExpectError(ops::EnableMfaDevice(
                  ctx_, {"Alice", "arn:aws:iam::123456789012:mfa/none", "123456", "654321"}),
              "NoSuchEntity", 404,
              "MFA Device with serial number arn:aws:iam::123456789012:mfa/none does not exist.");
  ASSERT_TRUE(Enable(d, -1));
  ASSERT_TRUE(ops::CreateUser(ctx_, {"bob", "/", "", {}}));
  ExpectError(Enable(d, 0, "bob"), "EntityAlreadyExists", 409, "MFA Device is already in use.");

  auto listed = ops::ListMfaDevices(ctx_, "alice", {});
  ASSERT_TRUE(listed.has_value());
  ASSERT_EQ(listed->items.size(), 1u);
  EXPECT_EQ(listed->items[0].user_name, "Alice");
  EXPECT_EQ(listed->items[0].serial_number, d.serial_number);
  EXPECT_EQ(listed->items[0].enable_date, clock_.Now());
  auto got = ops::GetMfaDevice(ctx_, d.serial_number, std::nullopt);
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->user_name, "Alice");
  ExpectError(ops::GetMfaDevice(ctx_, d.serial_number, std::string("bob")), "NoSuchEntity", 404,
              "MFA Device with serial number " + d.serial_number + " does not exist.");
}

TEST_F(MfaTest, AssignedDeviceBlocksDeleteUserAndDeleteDevice) {
  auto d = MustCreate("phone");
  ASSERT_TRUE(Enable(d, 0));
  ExpectError(ops::DeleteUser(ctx_, "Alice"), "DeleteConflict", 409,
              "Cannot delete entity, must delete MFA device first.");
  ExpectError(ops::DeleteVirtualMfaDevice(ctx_, d.serial_number), "DeleteConflict", 409,
              "Cannot delete entity, must deactivate MFA device first.");
  // A rename keeps the assignment (devices hold the user's id).
  ASSERT_TRUE(ops::UpdateUser(ctx_, {"Alice", std::string("Alicia"), std::nullopt}));
  auto listed = ops::ListMfaDevices(ctx_, "Alicia", {});
  ASSERT_TRUE(listed.has_value());
  ASSERT_EQ(listed->items.size(), 1u);
  EXPECT_EQ(listed->items[0].user_name, "Alicia");

  ExpectError(ops::DeactivateMfaDevice(ctx_, std::string("nobody"), d.serial_number),
              "NoSuchEntity", 404, "The user with name nobody cannot be found.");
  ASSERT_TRUE(ops::DeactivateMfaDevice(ctx_, std::string("Alicia"), d.serial_number));
  // Deactivation deletes a virtual device, as recorded from AWS.
  auto any = ops::ListVirtualMfaDevices(ctx_, "Any", {});
  ASSERT_TRUE(any.has_value());
  EXPECT_TRUE(any->items.empty());
  EXPECT_TRUE(ops::DeleteUser(ctx_, "Alicia"));
}

TEST_F(MfaTest, ResyncLearnsDriftAndRejectsFarOffCodes) {
  auto d = MustCreate("phone");
  ASSERT_TRUE(Enable(d, 0));
  ASSERT_TRUE(ops::CreateUser(ctx_, {"bob", "/", "", {}}));
  auto resync = [&](std::int64_t offset, const std::string& user = "Alice") {
    return ops::ResyncMfaDevice(ctx_,
                                {user, d.serial_number, Code(d, offset), Code(d, offset + 1)});
  };
  ExpectError(resync(5, "bob"), "NoSuchEntity", 404,
              "MFA Device with serial number " + d.serial_number + " does not exist.");
  ExpectError(resync(25), "InvalidAuthenticationCode", 403,
              "Authentication code for device is not valid.");
  ASSERT_TRUE(resync(10));
  store_.Read(caller_.account, [&](const AccountState& s) {
    EXPECT_EQ(s.mfa_devices.at("phone")->drift_steps, 11);
    // Session codes are then checked against the device's own clock.
    const std::string& alice = s.users.at("alice")->id;
    EXPECT_TRUE(ops::MfaCodeIsValid(s, d.serial_number, alice, Code(d, 11), clock_.Now()));
    EXPECT_FALSE(ops::MfaCodeIsValid(s, d.serial_number, alice, Code(d, 0), clock_.Now()));
    EXPECT_FALSE(ops::MfaCodeIsValid(s, d.serial_number, "AIDAOTHER", Code(d, 11), clock_.Now()));
  });
}

TEST_F(MfaTest, ListVirtualDevicesFiltersByAssignmentAndPages) {
  auto a = MustCreate("a-dev");
  MustCreate("b-dev");
  MustCreate("c-dev");
  ASSERT_TRUE(Enable(a, 0));
  auto assigned = ops::ListVirtualMfaDevices(ctx_, "Assigned", {});
  ASSERT_TRUE(assigned.has_value());
  ASSERT_EQ(assigned->items.size(), 1u);
  ASSERT_NE(assigned->items[0].user, nullptr);
  EXPECT_EQ(assigned->items[0].user->name, "Alice");
  EXPECT_EQ(assigned->items[0].enable_date, clock_.Now());
  auto unassigned = ops::ListVirtualMfaDevices(ctx_, "Unassigned", {});
  ASSERT_TRUE(unassigned.has_value());
  EXPECT_EQ(unassigned->items.size(), 2u);

  std::vector<std::string> seen;
  PageRequest req{std::nullopt, 2};
  for (;;) {
    auto page = ops::ListVirtualMfaDevices(ctx_, "Any", req);
    ASSERT_TRUE(page.has_value());
    for (const auto& v : page->items) seen.push_back(v.serial_number);
    if (!page->truncated) break;
    req.marker = page->next_marker;
  }
  EXPECT_EQ(seen.size(), 3u);
  ExpectError(ops::ListVirtualMfaDevices(ctx_, "Any", {std::string("bogus"), 10}),
              "ValidationError", 400, "Invalid Marker.");
}

TEST_F(MfaTest, TagsAddReplaceAndRemove) {
  auto d = MustCreate("phone");
  ASSERT_TRUE(ops::TagMfaDevice(ctx_, d.serial_number, {{"team", "a"}, {"env", "dev"}}));
  ASSERT_TRUE(ops::TagMfaDevice(ctx_, d.serial_number, {{"TEAM", "b"}}));
  ASSERT_TRUE(ops::UntagMfaDevice(ctx_, d.serial_number, {"env"}));
  auto tags = ops::ListMfaDeviceTags(ctx_, d.serial_number, {});
  ASSERT_TRUE(tags.has_value());
  ASSERT_EQ(tags->items.size(), 1u);
  EXPECT_EQ(tags->items[0].value, "b");
  ExpectError(ops::TagMfaDevice(ctx_, d.serial_number + "x", {{"k", "v"}}), "NoSuchEntity", 404,
              "MFA Device with serial number " + d.serial_number + "x does not exist.");
}

}  // namespace
}  // namespace iamlite
