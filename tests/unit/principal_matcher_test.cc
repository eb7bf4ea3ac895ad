#include "core/policy/principal_matcher.h"

#include <gtest/gtest.h>

namespace iamlite::policy {
namespace {

PrincipalSet Aws(std::vector<std::string> values) {
  PrincipalSet s;
  s.by_type["AWS"] = std::move(values);
  return s;
}

const Principal kAlice{PrincipalType::kUser, "arn:aws:iam::111122223333:user/alice", "111122223333",
                       "", ""};
const Principal kSession{PrincipalType::kAssumedRole, "arn:aws:sts::111122223333:assumed-role/R/s",
                         "111122223333", "arn:aws:iam::111122223333:role/R", ""};
const Principal kFederated{PrincipalType::kFederatedUser,
                           "arn:aws:sts::111122223333:federated-user/f", "111122223333",
                           "arn:aws:iam::111122223333:user/alice", ""};
const Principal kRoot{PrincipalType::kRoot, "arn:aws:iam::111122223333:root", "111122223333", "",
                      ""};
const Principal kAnonymous{PrincipalType::kAnonymous, "", "", "", ""};
const Principal kService{PrincipalType::kService, "ec2.amazonaws.com", "", "", ""};

TEST(PrincipalMatcher, GrantKinds) {
  EXPECT_EQ(PrincipalMatcher(Aws({"arn:aws:iam::111122223333:user/alice"})).Match(kAlice),
            PrincipalGrant::kDirect);
  EXPECT_EQ(PrincipalMatcher(Aws({"111122223333"})).Match(kAlice), PrincipalGrant::kAccount);
  EXPECT_EQ(PrincipalMatcher(Aws({"arn:aws:iam::111122223333:root"})).Match(kAlice),
            PrincipalGrant::kAccount);
  EXPECT_EQ(PrincipalMatcher(Aws({"arn:aws:iam::111122223333:root"})).Match(kRoot),
            PrincipalGrant::kAccount);
  EXPECT_EQ(PrincipalMatcher(Aws({"arn:aws:iam::111122223333:role/R"})).Match(kSession),
            PrincipalGrant::kParent);
  EXPECT_EQ(PrincipalMatcher(Aws({kSession.arn})).Match(kSession), PrincipalGrant::kDirect);
  EXPECT_EQ(PrincipalMatcher(Aws({"arn:aws:iam::111122223333:user/alice"})).Match(kFederated),
            PrincipalGrant::kParent);
  EXPECT_EQ(PrincipalMatcher(Aws({"*"})).Match(kAnonymous), PrincipalGrant::kDirect);
  EXPECT_EQ(PrincipalMatcher(PrincipalSet{true, {}}).Match(kAnonymous), PrincipalGrant::kDirect);
  EXPECT_EQ(PrincipalMatcher(Aws({"111122223333"})).Match(kAnonymous), PrincipalGrant::kNone);
  // The strongest entry wins.
  EXPECT_EQ(
      PrincipalMatcher(Aws({"111122223333", "arn:aws:iam::111122223333:user/alice"})).Match(kAlice),
      PrincipalGrant::kDirect);
}

TEST(PrincipalMatcher, ExactComparison) {
  EXPECT_EQ(PrincipalMatcher(Aws({"arn:aws:iam::111122223333:user/Alice"})).Match(kAlice),
            PrincipalGrant::kNone);
  EXPECT_EQ(PrincipalMatcher(Aws({"arn:aws:iam::111122223333:user/*"})).Match(kAlice),
            PrincipalGrant::kNone);
  EXPECT_EQ(PrincipalMatcher(Aws({"444455556666"})).Match(kAlice), PrincipalGrant::kNone);
  EXPECT_EQ(PrincipalMatcher(Aws({"arn:aws:iam::11112222333:root"})).Match(kAlice),
            PrincipalGrant::kNone);
}

TEST(PrincipalMatcher, ServicesAndProviders) {
  PrincipalSet s;
  s.by_type["Service"] = {"ec2.amazonaws.com"};
  EXPECT_EQ(PrincipalMatcher(s).Match(kService), PrincipalGrant::kDirect);
  EXPECT_EQ(PrincipalMatcher(s).Match(kAlice), PrincipalGrant::kNone);
  EXPECT_EQ(PrincipalMatcher(Aws({"111122223333"})).Match(kService), PrincipalGrant::kNone);
  PrincipalSet f;
  f.by_type["Federated"] = {"cognito-identity.amazonaws.com"};
  EXPECT_EQ(PrincipalMatcher(f).Match(
                Principal{PrincipalType::kFederated, "cognito-identity.amazonaws.com", "", "", ""}),
            PrincipalGrant::kDirect);
}

TEST(PrincipalMatcher, NotPrincipalNeedsEveryIdentityListed) {
  const PrincipalMatcher user_only(Aws({"arn:aws:iam::111122223333:user/alice"}));
  const PrincipalMatcher user_and_account(
      Aws({"arn:aws:iam::111122223333:user/alice", "arn:aws:iam::111122223333:root"}));
  EXPECT_FALSE(user_only.NamesEveryIdentity(kAlice));
  EXPECT_TRUE(user_and_account.NamesEveryIdentity(kAlice));
  EXPECT_TRUE(user_and_account.NamesEveryIdentity(kRoot));
  const PrincipalMatcher session_all(Aws({kSession.arn, kSession.parent_arn, "111122223333"}));
  const PrincipalMatcher session_no_role(Aws({kSession.arn, "111122223333"}));
  EXPECT_TRUE(session_all.NamesEveryIdentity(kSession));
  EXPECT_FALSE(session_no_role.NamesEveryIdentity(kSession));
  EXPECT_FALSE(session_all.NamesEveryIdentity(kAnonymous));
  EXPECT_TRUE(PrincipalMatcher(Aws({"*"})).NamesEveryIdentity(kAnonymous));
}

}  // namespace
}  // namespace iamlite::policy
