"""IAM users end to end with boto3 and the AWS CLI against a real iamlite server."""
import unittest

from harness import ServerTestCase


class UsersBoto3(ServerTestCase):
    def test_lifecycle(self):
        created = self.iam.create_user(UserName="life1", Path="/dev/")["User"]
        self.assertEqual(created["UserName"], "life1")
        self.assertEqual(created["Path"], "/dev/")
        self.assertEqual(created["Arn"], "arn:aws:iam::123456789012:user/dev/life1")
        self.assertRegex(created["UserId"], r"^AIDA[A-Z0-9]{17}$")
        self.assertNotIn("Tags", created)
        got = self.iam.get_user(UserName="life1")["User"]
        self.assertEqual(got, created)
        self.iam.delete_user(UserName="life1")
        self.assertError("NoSuchEntity", 404, "The user with name life1 cannot be found.",
                         self.iam.get_user, UserName="life1")

    def test_names_are_unique_without_case(self):
        self.iam.create_user(UserName="CaseUser")
        self.assertError("EntityAlreadyExists", 409, "User with name caseuser already exists.",
                         self.iam.create_user, UserName="caseuser")
        # Lookups ignore case too, and answer with the name as created.
        self.assertEqual(self.iam.get_user(UserName="CASEUSER")["User"]["UserName"], "CaseUser")
        self.iam.delete_user(UserName="caseUSER")

    def test_get_user_without_name_is_the_root(self):
        user = self.iam.get_user()["User"]
        self.assertEqual(user["Arn"], "arn:aws:iam::123456789012:root")
        self.assertEqual(user["UserId"], "123456789012")

    def test_validation_errors_in_aws_wording(self):
        self.assertError(
            "ValidationError", 400,
            "1 validation error detected: Value at 'userName' failed to satisfy constraint: "
            "Member must satisfy regular expression pattern: [\\w+=,.@-]+",
            self.iam.create_user, UserName="a b")
        self.assertError(
            "ValidationError", 400,
            "1 validation error detected: Value at 'userName' failed to satisfy constraint: "
            "Member must have length less than or equal to 64",
            self.iam.create_user, UserName="x" * 65)
        self.assertError(
            "ValidationError", 400,
            "1 validation error detected: Value at 'path' failed to satisfy constraint: "
            "Member must satisfy regular expression pattern: (\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)",
            self.iam.create_user, UserName="p", Path="nope")
        err = self.assertError("ValidationError", 400, None, self.iam.create_user,
                               UserName="p", Path="bad", Tags=[{"Key": "k" * 129, "Value": "v"}])
        self.assertTrue(err["Error"]["Message"].startswith("2 validation errors detected: "))
        self.assertIn("Value at 'tags.1.member.key' failed to satisfy constraint: Member must "
                      "have length less than or equal to 128", err["Error"]["Message"])

    def test_list_pagination_walks_every_user_once(self):
        names = ["page%02d" % i for i in range(23)]
        for n in names:
            self.iam.create_user(UserName=n, Path="/paging/")
        seen, marker, calls = [], None, 0
        while True:
            kw = {"PathPrefix": "/paging/", "MaxItems": 5}
            if marker:
                kw["Marker"] = marker
            page = self.iam.list_users(**kw)
            calls += 1
            seen += [u["UserName"] for u in page["Users"]]
            self.assertTrue(all("Tags" not in u for u in page["Users"]))
            if not page["IsTruncated"]:
                self.assertNotIn("Marker", page)
                break
            self.assertEqual(len(page["Users"]), 5)
            marker = page["Marker"]
        self.assertEqual(seen, names)
        self.assertEqual(calls, 5)
        # boto3's paginator follows the same markers.
        pages = self.iam.get_paginator("list_users").paginate(
            PathPrefix="/paging/", PaginationConfig={"PageSize": 4})
        self.assertEqual([u["UserName"] for p in pages for u in p["Users"]], names)
        for n in names:
            self.iam.delete_user(UserName=n)

    def test_list_bad_marker_and_max_items(self):
        self.assertError("ValidationError", 400, "Invalid Marker.", self.iam.list_users,
                         Marker="bm90LWEtbWFya2Vy")
        self.assertError(
            "ValidationError", 400,
            "1 validation error detected: Value at 'maxItems' failed to satisfy constraint: "
            "Member must have value greater than or equal to 1",
            self.raw_iam.list_users, MaxItems=0)
        self.assertError(
            "ValidationError", 400,
            "1 validation error detected: Value at 'maxItems' failed to satisfy constraint: "
            "Member must have value less than or equal to 1000",
            self.raw_iam.list_users, MaxItems=1001)

    def test_path_prefix_filters(self):
        self.iam.create_user(UserName="pp1", Path="/team/a/")
        self.iam.create_user(UserName="pp2", Path="/team/b/")
        self.iam.create_user(UserName="pp3", Path="/other/")
        names = [u["UserName"] for u in self.iam.list_users(PathPrefix="/team/")["Users"]]
        self.assertEqual(names, ["pp1", "pp2"])
        names = [u["UserName"] for u in self.iam.list_users(PathPrefix="/team/b")["Users"]]
        self.assertEqual(names, ["pp2"])
        for n in ("pp1", "pp2", "pp3"):
            self.iam.delete_user(UserName=n)

    def test_update_renames_and_moves(self):
        self.iam.create_user(UserName="old1", Tags=[{"Key": "a", "Value": "1"}])
        self.iam.create_user(UserName="taken1")
        self.assertError("EntityAlreadyExists", 409, "User with name TAKEN1 already exists.",
                         self.iam.update_user, UserName="old1", NewUserName="TAKEN1")
        self.assertError("NoSuchEntity", 404, "The user with name ghost cannot be found.",
                         self.iam.update_user, UserName="ghost", NewUserName="x")
        self.iam.update_user(UserName="old1", NewUserName="new1", NewPath="/moved/")
        self.assertError("NoSuchEntity", 404, None, self.iam.get_user, UserName="old1")
        user = self.iam.get_user(UserName="new1")["User"]
        self.assertEqual(user["Arn"], "arn:aws:iam::123456789012:user/moved/new1")
        self.assertEqual(user["Tags"], [{"Key": "a", "Value": "1"}])
        # A change of case only is a rename too.
        self.iam.update_user(UserName="new1", NewUserName="NEW1")
        self.assertEqual(self.iam.get_user(UserName="new1")["User"]["UserName"], "NEW1")
        self.iam.delete_user(UserName="NEW1")
        self.iam.delete_user(UserName="taken1")

    def test_delete_unknown(self):
        self.assertError("NoSuchEntity", 404, "The user with name nobody cannot be found.",
                         self.iam.delete_user, UserName="nobody")

    def test_permissions_boundary_is_stored(self):
        arn = "arn:aws:iam::aws:policy/PowerUserAccess"
        user = self.iam.create_user(UserName="bounded", PermissionsBoundary=arn)["User"]
        expected = {"PermissionsBoundaryType": "Policy",
                    "PermissionsBoundaryArn": arn}
        self.assertEqual(user["PermissionsBoundary"], expected)
        self.assertEqual(self.iam.get_user(UserName="bounded")["User"]["PermissionsBoundary"],
                         expected)
        self.assertError("InvalidInput", 400, "ARN this-is-not-an-arn-at-all is not valid.",
                         self.raw_iam.create_user, UserName="b2", PermissionsBoundary="this-is-not-an-arn-at-all")
        self.iam.delete_user(UserName="bounded")


class UserTags(ServerTestCase):
    def test_tag_untag_list(self):
        tags = [{"Key": "Environment", "Value": "Test"}, {"Key": "Team", "Value": "Platform"}]
        user = self.iam.create_user(UserName="tagged", Tags=tags)["User"]
        self.assertEqual(user["Tags"], tags)
        self.assertEqual(self.iam.list_user_tags(UserName="tagged")["Tags"], tags)
        self.iam.tag_user(UserName="tagged", Tags=[{"Key": "team", "Value": "Mobile"},
                                                   {"Key": "cost", "Value": ""}])
        self.assertEqual(self.iam.list_user_tags(UserName="tagged")["Tags"],
                         [{"Key": "Environment", "Value": "Test"},
                          {"Key": "team", "Value": "Mobile"}, {"Key": "cost", "Value": ""}])
        self.iam.untag_user(UserName="tagged", TagKeys=["Environment", "absent"])
        self.assertEqual([t["Key"] for t in self.iam.list_user_tags(UserName="tagged")["Tags"]],
                         ["team", "cost"])
        self.iam.delete_user(UserName="tagged")

    def test_tag_errors(self):
        for fn, kw in ((self.iam.tag_user, {"Tags": [{"Key": "k", "Value": "v"}]}),
                       (self.iam.untag_user, {"TagKeys": ["k"]}),
                       (self.iam.list_user_tags, {})):
            self.assertError("NoSuchEntity", 404,
                             "The user with name nonexistent-user cannot be found.",
                             fn, UserName="nonexistent-user", **kw)
        self.assertError(
            "InvalidInput", 400,
            "Duplicate tag keys found. Please note that Tag keys are case insensitive.",
            self.iam.create_user, UserName="dup", Tags=[{"Key": "a", "Value": "1"},
                                                        {"Key": "A", "Value": "2"}])
        self.assertError(
            "ValidationError", 400,
            "1 validation error detected: Value at 'tags' failed to satisfy constraint: "
            "Member must have length less than or equal to 50",
            self.iam.create_user, UserName="many",
            Tags=[{"Key": "k%d" % i, "Value": "v"} for i in range(51)])
        self.assertError(
            "ValidationError", 400,
            "1 validation error detected: Value at 'tags.1.member.key' failed to satisfy "
            "constraint: Member must satisfy regular expression pattern: "
            "[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+",
            self.iam.create_user, UserName="badkey", Tags=[{"Key": "a#b", "Value": "1"}])
        self.assertError(
            "ValidationError", 400,
            "1 validation error detected: Value at 'tagKeys' failed to satisfy constraint: "
            "Member must satisfy constraint: [Member must have length less than or equal to 128, "
            "Member must have length greater than or equal to 1, Member must satisfy regular "
            "expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+]",
            self.iam.untag_user, UserName="x", TagKeys=["k" * 129])

    def test_fifty_tag_limit_across_calls(self):
        self.iam.create_user(UserName="full", Tags=[{"Key": "k%d" % i, "Value": "v"}
                                                    for i in range(49)])
        self.iam.tag_user(UserName="full", Tags=[{"Key": "k49", "Value": "v"}])
        self.assertError("LimitExceeded", 409, None, self.iam.tag_user, UserName="full",
                         Tags=[{"Key": "one-more", "Value": "v"}])
        self.assertEqual(len(self.iam.list_user_tags(UserName="full")["Tags"]), 50)
        # Replacing an existing key does not count as a new tag.
        self.iam.tag_user(UserName="full", Tags=[{"Key": "K0", "Value": "w"}])

    def test_list_user_tags_paginates(self):
        self.iam.create_user(UserName="tagpages",
                             Tags=[{"Key": "k%02d" % i, "Value": str(i)} for i in range(7)])
        first = self.iam.list_user_tags(UserName="tagpages", MaxItems=3)
        self.assertTrue(first["IsTruncated"])
        second = self.iam.list_user_tags(UserName="tagpages", MaxItems=10, Marker=first["Marker"])
        self.assertFalse(second["IsTruncated"])
        self.assertEqual([t["Key"] for t in first["Tags"] + second["Tags"]],
                         ["k%02d" % i for i in range(7)])
        self.assertError("ValidationError", 400, "Invalid Marker.", self.iam.list_users,
                         Marker=first["Marker"])


class UsersAwsCli(ServerTestCase):
    """The founding example's people, managed with the real AWS CLI."""

    def test_cli_create_get_list_update_delete(self):
        cli = self.server.cli
        _, out, _ = cli("iam", "create-user", "--user-name", "sally")
        self.assertEqual(out["User"]["UserName"], "sally")
        self.assertEqual(out["User"]["Arn"], "arn:aws:iam::123456789012:user/sally")
        for name in ("john", "maria", "jane", "mary"):
            cli("iam", "create-user", "--user-name", name, "--path", "/staff/")
        _, out, _ = cli("iam", "get-user", "--user-name", "sally")
        self.assertEqual(out["User"]["UserName"], "sally")
        # --page-size makes the CLI fetch 2 users per call and follow the markers.
        _, out, _ = cli("iam", "list-users", "--page-size", "2")
        self.assertEqual([u["UserName"] for u in out["Users"]],
                         ["jane", "john", "maria", "mary", "sally"])
        _, out, _ = cli("iam", "list-users", "--path-prefix", "/staff/", "--max-items", "3")
        self.assertEqual(len(out["Users"]), 3)
        self.assertIn("NextToken", out)
        cli("iam", "update-user", "--user-name", "mary", "--new-path", "/finance/")
        _, out, _ = cli("iam", "get-user", "--user-name", "mary")
        self.assertEqual(out["User"]["Path"], "/finance/")
        cli("iam", "tag-user", "--user-name", "jane", "--tags", "Key=team,Value=mobile")
        _, out, _ = cli("iam", "list-user-tags", "--user-name", "jane")
        self.assertEqual(out["Tags"], [{"Key": "team", "Value": "mobile"}])
        cli("iam", "untag-user", "--user-name", "jane", "--tag-keys", "team")
        for name in ("sally", "john", "maria", "jane", "mary"):
            cli("iam", "delete-user", "--user-name", name)
        _, out, _ = cli("iam", "list-users")
        self.assertEqual(out["Users"], [])

    def test_cli_errors(self):
        cli = self.server.cli
        cli("iam", "create-user", "--user-name", "dupe")
        rc, _, err = cli("iam", "create-user", "--user-name", "dupe", check=False)
        self.assertNotEqual(rc, 0)
        self.assertIn("(EntityAlreadyExists) when calling the CreateUser operation: "
                      "User with name dupe already exists.", err)
        rc, _, err = cli("iam", "get-user", "--user-name", "nobody", check=False)
        self.assertNotEqual(rc, 0)
        self.assertIn("(NoSuchEntity) when calling the GetUser operation: "
                      "The user with name nobody cannot be found.", err)
        cli("iam", "delete-user", "--user-name", "dupe")

    def test_cli_sts_get_caller_identity(self):
        _, out, _ = self.server.cli("sts", "get-caller-identity")
        self.assertEqual(out["Account"], "123456789012")
        self.assertEqual(out["Arn"], "arn:aws:iam::123456789012:root")


if __name__ == "__main__":
    unittest.main()
