"""IAM groups end to end with boto3 and the AWS CLI against a real iamlite server.

GroupsSnapshotReplay replays the call sequences of LocalStack's group tests, whose responses
were recorded from real AWS (test_iam_groups.snapshot.json and the TestUserGroups part of
test_iam_users.snapshot.json), normalises our answers the way those recordings were
normalised, and compares them with the recorded content, so field presence, values and
error messages are checked against AWS.
"""
import datetime
import unittest

from botocore.exceptions import ClientError

from harness import ServerTestCase

ACCOUNT = "123456789012"


class Normaliser:
    """Replaces volatile values with the placeholders of the recordings: names and ids get
    <kind:N>, numbered per kind by first appearance across one test's captures; dates become
    <datetime>; the account 111111111111 and the partition <partition>."""

    KINDS = {"GroupName": "group-name", "UserName": "user-name",
             "GroupId": "group-id", "UserId": "user-id"}

    def __init__(self):
        self.values = {}  # value -> placeholder
        self.counts = {}

    def _collect(self, node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key in self.KINDS and isinstance(value, str) and value not in self.values:
                    kind = self.KINDS[key]
                    self.counts[kind] = self.counts.get(kind, 0) + 1
                    self.values[value] = "<%s:%d>" % (kind, self.counts[kind])
                self._collect(value)
        elif isinstance(node, list):
            for item in node:
                self._collect(item)

    def _replace(self, node):
        if isinstance(node, dict):
            return {k: self._replace(v) for k, v in node.items()}
        if isinstance(node, list):
            return [self._replace(v) for v in node]
        if isinstance(node, datetime.datetime):
            return "<datetime>"
        if isinstance(node, str):
            if node in self.values:
                return self.values[node]
            node = node.replace("arn:aws:", "arn:<partition>:").replace(ACCOUNT, "111111111111")
            # Names inside ARNs and messages; longest first so no name eats part of another.
            for value in sorted(self.values, key=len, reverse=True):
                node = node.replace("/" + value, "/" + self.values[value])
                node = node.replace(" " + value + " ", " " + self.values[value] + " ")
            return node
        return node

    def __call__(self, response):
        response = dict(response)
        if "ResponseMetadata" in response:
            response["ResponseMetadata"] = {
                "HTTPHeaders": {},
                "HTTPStatusCode": response["ResponseMetadata"]["HTTPStatusCode"]}
        self._collect(response)
        return self._replace(response)


def group(n, path="/", name=None):
    name = name or "<group-name:%d>" % n
    return {"Arn": "arn:<partition>:iam::111111111111:group%s%s" % (path, name),
            "CreateDate": "<datetime>", "GroupId": "<group-id:%d>" % n,
            "GroupName": name, "Path": path}


def user(n, id_n=None):
    return {"Arn": "arn:<partition>:iam::111111111111:user/<user-name:%d>" % n,
            "CreateDate": "<datetime>", "Path": "/", "UserId": "<user-id:%d>" % (id_n or n),
            "UserName": "<user-name:%d>" % n}


OK = {"ResponseMetadata": {"HTTPHeaders": {}, "HTTPStatusCode": 200}}


def ok(**fields):
    return dict(OK, **fields)


def error(code, status, message):
    return {"Error": {"Code": code, "Message": message, "Type": "Sender"},
            "ResponseMetadata": {"HTTPHeaders": {}, "HTTPStatusCode": status}}


class GroupsSnapshotReplay(ServerTestCase):
    def setUp(self):
        self.norm = Normaliser()

    def error_response(self, fn, **kwargs):
        with self.assertRaises(ClientError) as cm:
            fn(**kwargs)
        response = dict(cm.exception.response)
        response["Error"] = {k: response["Error"][k] for k in ("Code", "Message", "Type")}
        return response

    def match(self, got, expected):
        self.assertEqual(self.norm(got), expected)

    def test_create_group(self):
        self.match(self.iam.create_group(GroupName="snap-create"), ok(Group=group(1)))
        self.match(self.error_response(self.iam.create_group, GroupName="snap-create"),
                   error("EntityAlreadyExists", 409, "Group with name <group-name:1> already exists."))
        self.iam.delete_group(GroupName="snap-create")

    def test_get_group(self):
        self.match(self.iam.create_group(GroupName="snap-get")["Group"], group(1))
        self.match(self.iam.get_group(GroupName="snap-get")["Group"], group(1))
        self.match(self.error_response(self.iam.get_group, GroupName="non-existent-group"),
                   error("NoSuchEntity", 404, "The group with name non-existent-group cannot be found."))
        self.iam.delete_group(GroupName="snap-get")

    def test_get_group_with_path(self):
        self.iam.create_group(GroupName="snap-path1")
        self.match(self.iam.get_group(GroupName="snap-path1"),
                   ok(Group=group(1), IsTruncated=False, Users=[]))
        self.match(self.iam.create_group(GroupName="snap-path2", Path="/some/location/"),
                   ok(Group=group(2, "/some/location/")))
        for n in ("snap-path1", "snap-path2"):
            self.iam.delete_group(GroupName=n)

    def test_list_groups(self):
        for n in ("snap-list1", "snap-list2"):
            self.iam.create_group(GroupName=n)
        groups = [g for g in self.iam.list_groups()["Groups"]
                  if g["GroupName"] in ("snap-list1", "snap-list2")]
        self.match({"list": groups}, {"list": [group(1), group(2)]})
        for n in ("snap-list1", "snap-list2"):
            self.iam.delete_group(GroupName=n)

    def test_delete_group(self):
        self.iam.create_group(GroupName="snap-del")
        self.assertIn("snap-del", [g["GroupName"] for g in self.iam.list_groups()["Groups"]])
        self.match(self.iam.delete_group(GroupName="snap-del"), OK)
        self.assertNotIn("snap-del", [g["GroupName"] for g in self.iam.list_groups()["Groups"]])
        self.match(self.error_response(self.iam.delete_group, GroupName="unknown-group"),
                   error("NoSuchEntity", 404, "The group with name unknown-group cannot be found."))

    def test_update_group_name(self):
        self.iam.create_group(GroupName="snap-upd-old")
        self.match(self.iam.get_group(GroupName="snap-upd-old")["Group"], group(1))
        self.iam.update_group(GroupName="snap-upd-old", NewGroupName="snap-upd-new")
        self.match(self.error_response(self.iam.get_group, GroupName="snap-upd-old"),
                   error("NoSuchEntity", 404, "The group with name <group-name:1> cannot be found."))
        got = self.iam.get_group(GroupName="snap-upd-new")["Group"]
        # Same id (<group-id:1>), new name (<group-name:2>).
        self.match(got, dict(group(2), GroupId="<group-id:1>"))
        self.iam.delete_group(GroupName="snap-upd-new")

    def test_update_group_path(self):
        self.iam.create_group(GroupName="snap-mv-old", Path="/path/")
        self.iam.update_group(GroupName="snap-mv-old", NewGroupName="snap-mv-new",
                              NewPath="/new-path/")
        self.match(self.iam.get_group(GroupName="snap-mv-new")["Group"], group(1, "/new-path/"))
        self.iam.delete_group(GroupName="snap-mv-new")

    def test_update_group_errors(self):
        self.match(self.error_response(self.iam.update_group, GroupName="nonexisting",
                                       NewGroupName="new-name"),
                   error("NoSuchEntity", 404, "The group with name nonexisting cannot be found."))
        for n in ("snap-dup1", "snap-dup2"):
            self.iam.create_group(GroupName=n)
        self.assertError("EntityAlreadyExists", 409, "Group with name snap-dup2 already exists.",
                         self.iam.update_group, GroupName="snap-dup1", NewGroupName="snap-dup2")
        for n in ("snap-dup1", "snap-dup2"):
            self.iam.delete_group(GroupName=n)

    def test_add_user_to_group(self):
        self.iam.create_group(GroupName="snap-add-g")
        self.iam.create_user(UserName="snap-add-u")
        self.iam.add_user_to_group(GroupName="snap-add-g", UserName="snap-add-u")
        self.match(self.iam.get_group(GroupName="snap-add-g"),
                   ok(Group=group(1), IsTruncated=False, Users=[user(1)]))
        self.iam.remove_user_from_group(GroupName="snap-add-g", UserName="snap-add-u")
        self.iam.delete_user(UserName="snap-add-u")
        self.iam.delete_group(GroupName="snap-add-g")

    def test_membership_unknown_entities(self):
        self.iam.create_group(GroupName="snap-known-g")
        self.iam.create_user(UserName="snap-known-u")
        self.match(self.error_response(self.iam.add_user_to_group, GroupName="snap-known-g",
                                       UserName="non-existent-user"),
                   error("NoSuchEntity", 404, "The user with name non-existent-user cannot be found."))
        self.match(self.error_response(self.iam.add_user_to_group, GroupName="non-existent-group",
                                       UserName="snap-known-u"),
                   error("NoSuchEntity", 404, "The group with name non-existent-group cannot be found."))
        self.match(self.error_response(self.iam.remove_user_from_group,
                                       GroupName="nonexistent-group", UserName="snap-known-u"),
                   error("NoSuchEntity", 404, "The group with name nonexistent-group cannot be found."))
        # Neither exists: AWS names the user.
        self.match(self.error_response(self.iam.remove_user_from_group,
                                       GroupName="non-existent-group", UserName="any-user"),
                   error("NoSuchEntity", 404, "The user with name any-user cannot be found."))
        self.iam.delete_user(UserName="snap-known-u")
        self.iam.delete_group(GroupName="snap-known-g")

    def test_remove_user_from_group(self):
        self.iam.create_group(GroupName="snap-rm-g")
        self.iam.create_user(UserName="snap-rm-u")
        self.iam.add_user_to_group(GroupName="snap-rm-g", UserName="snap-rm-u")
        self.match(self.iam.get_group(GroupName="snap-rm-g"),
                   ok(Group=group(1), IsTruncated=False, Users=[user(1)]))
        self.iam.remove_user_from_group(GroupName="snap-rm-g", UserName="snap-rm-u")
        self.match(self.iam.get_group(GroupName="snap-rm-g"),
                   ok(Group=group(1), IsTruncated=False, Users=[]))
        self.iam.delete_user(UserName="snap-rm-u")
        self.iam.delete_group(GroupName="snap-rm-g")

    def test_add_user_to_group_idempotent(self):
        self.iam.create_group(GroupName="snap-idem-g")
        self.iam.create_user(UserName="snap-idem-u")
        self.iam.add_user_to_group(GroupName="snap-idem-g", UserName="snap-idem-u")
        self.iam.add_user_to_group(GroupName="snap-idem-g", UserName="snap-idem-u")
        groups = self.iam.list_groups_for_user(UserName="snap-idem-u")["Groups"]
        self.match({"g": groups}, {"g": [group(1)]})
        self.iam.remove_user_from_group(GroupName="snap-idem-g", UserName="snap-idem-u")
        self.assertEqual(self.iam.list_groups_for_user(UserName="snap-idem-u")["Groups"], [])
        self.iam.delete_user(UserName="snap-idem-u")
        self.iam.delete_group(GroupName="snap-idem-g")

    def test_list_groups_for_user(self):
        for n in ("snap-lgu-1", "snap-lgu-2", "snap-lgu-3"):
            self.iam.create_group(GroupName=n)
        self.iam.create_user(UserName="snap-lgu-u")
        self.iam.add_user_to_group(GroupName="snap-lgu-1", UserName="snap-lgu-u")
        self.iam.add_user_to_group(GroupName="snap-lgu-2", UserName="snap-lgu-u")
        groups = self.iam.list_groups_for_user(UserName="snap-lgu-u")["Groups"]
        self.assertEqual([g["GroupName"] for g in groups], ["snap-lgu-1", "snap-lgu-2"])
        self.match({"g": groups}, {"g": [group(1), group(2)]})
        for n in ("snap-lgu-1", "snap-lgu-2"):
            self.iam.remove_user_from_group(GroupName=n, UserName="snap-lgu-u")
        self.iam.delete_user(UserName="snap-lgu-u")
        for n in ("snap-lgu-1", "snap-lgu-2", "snap-lgu-3"):
            self.iam.delete_group(GroupName=n)

    def test_user_rename_preserves_group_membership(self):
        self.match(self.iam.create_group(GroupName="snap-ren-g"), ok(Group=group(1)))
        self.match(self.iam.create_user(UserName="snap-ren-old"), ok(User=user(1)))
        self.iam.add_user_to_group(GroupName="snap-ren-g", UserName="snap-ren-old")
        self.match(self.iam.get_group(GroupName="snap-ren-g"),
                   ok(Group=group(1), IsTruncated=False, Users=[user(1)]))
        self.iam.update_user(UserName="snap-ren-old", NewUserName="snap-ren-new")
        self.match(self.iam.get_group(GroupName="snap-ren-g"),
                   ok(Group=group(1), IsTruncated=False, Users=[user(2, id_n=1)]))
        self.match(self.iam.list_groups_for_user(UserName="snap-ren-new"),
                   ok(Groups=[group(1)], IsTruncated=False))
        self.match(self.error_response(self.iam.list_groups_for_user, UserName="snap-ren-old"),
                   error("NoSuchEntity", 404, "The user with name <user-name:1> cannot be found."))
        self.iam.remove_user_from_group(GroupName="snap-ren-g", UserName="snap-ren-new")
        self.iam.delete_user(UserName="snap-ren-new")
        self.iam.delete_group(GroupName="snap-ren-g")

    def test_user_group_membership(self):
        """test_iam_users TestUserGroups::test_user_group_membership."""
        self.match(self.iam.create_user(UserName="snap-ugm-u"), ok(User=user(1)))
        self.match(self.iam.create_group(GroupName="snap-ugm-1"), ok(Group=group(1)))
        self.match(self.iam.create_group(GroupName="snap-ugm-2"), ok(Group=group(2)))
        self.match(self.iam.list_groups_for_user(UserName="snap-ugm-u"),
                   ok(Groups=[], IsTruncated=False))
        self.match(self.iam.add_user_to_group(GroupName="snap-ugm-1", UserName="snap-ugm-u"), OK)
        self.iam.add_user_to_group(GroupName="snap-ugm-2", UserName="snap-ugm-u")
        self.match(self.iam.list_groups_for_user(UserName="snap-ugm-u"),
                   ok(Groups=[group(1), group(2)], IsTruncated=False))
        self.iam.add_user_to_group(GroupName="snap-ugm-1", UserName="snap-ugm-u")
        self.assertEqual(len(self.iam.list_groups_for_user(UserName="snap-ugm-u")["Groups"]), 2)
        self.match(self.iam.get_group(GroupName="snap-ugm-1"),
                   ok(Group=group(1), IsTruncated=False, Users=[user(1)]))
        self.match(self.iam.remove_user_from_group(GroupName="snap-ugm-1",
                                                   UserName="snap-ugm-u"), OK)
        self.assertEqual(len(self.iam.list_groups_for_user(UserName="snap-ugm-u")["Groups"]), 1)
        # Removing a user who is no longer a member succeeds on AWS.
        self.match(self.iam.remove_user_from_group(GroupName="snap-ugm-1",
                                                   UserName="snap-ugm-u"), OK)
        self.iam.remove_user_from_group(GroupName="snap-ugm-2", UserName="snap-ugm-u")
        self.iam.delete_user(UserName="snap-ugm-u")
        for n in ("snap-ugm-1", "snap-ugm-2"):
            self.iam.delete_group(GroupName=n)


class GroupsBoto3(ServerTestCase):
    def test_create_shape_and_id(self):
        created = self.iam.create_group(GroupName="Shape", Path="/team/a/")["Group"]
        self.assertEqual(set(created), {"Path", "GroupName", "GroupId", "Arn", "CreateDate"})
        self.assertRegex(created["GroupId"], r"^AGPA[A-Z0-9]{17}$")
        self.assertEqual(created["Arn"], "arn:aws:iam::123456789012:group/team/a/Shape")
        self.assertIsInstance(created["CreateDate"], datetime.datetime)
        # Names are unique without regard to case, and lookups ignore case.
        self.assertError("EntityAlreadyExists", 409, "Group with name SHAPE already exists.",
                         self.iam.create_group, GroupName="SHAPE")
        got = self.iam.get_group(GroupName="shape")
        self.assertEqual(got["Group"], created)
        self.assertEqual(got["Users"], [])
        self.assertFalse(got["IsTruncated"])
        self.assertNotIn("Marker", got)
        self.iam.delete_group(GroupName="SHAPE")

    def test_validation_errors_in_aws_wording(self):
        self.assertError(
            "ValidationError", 400,
            "1 validation error detected: Value at 'groupName' failed to satisfy constraint: "
            "Member must satisfy regular expression pattern: [\\w+=,.@-]+",
            self.iam.create_group, GroupName="a b")
        self.assertError(
            "ValidationError", 400,
            "1 validation error detected: Value at 'groupName' failed to satisfy constraint: "
            "Member must have length less than or equal to 128",
            self.iam.create_group, GroupName="g" * 129)
        self.assertError("ValidationError", 400, None, self.raw_iam.get_group, GroupName="")

    def test_list_groups_pagination_and_prefix(self):
        names = ["lg%02d" % i for i in range(13)]
        for n in reversed(names):
            self.iam.create_group(GroupName=n, Path="/paging/")
        self.iam.create_group(GroupName="lg-elsewhere", Path="/other/")
        seen, marker, calls = [], None, 0
        while True:
            kw = {"PathPrefix": "/paging/", "MaxItems": 4}
            if marker:
                kw["Marker"] = marker
            page = self.iam.list_groups(**kw)
            calls += 1
            seen += [g["GroupName"] for g in page["Groups"]]
            if not page["IsTruncated"]:
                self.assertNotIn("Marker", page)
                break
            self.assertEqual(len(page["Groups"]), 4)
            marker = page["Marker"]
        self.assertEqual(seen, names)  # name order, not creation order
        self.assertEqual(calls, 4)
        pages = self.iam.get_paginator("list_groups").paginate(
            PathPrefix="/paging/", PaginationConfig={"PageSize": 5})
        self.assertEqual([g["GroupName"] for p in pages for g in p["Groups"]], names)
        self.assertEqual([g["GroupName"] for g in self.iam.list_groups(PathPrefix="/oth")["Groups"]],
                         ["lg-elsewhere"])
        self.assertError("ValidationError", 400, "Invalid Marker.", self.iam.list_groups,
                         Marker="bm90LWEtbWFya2Vy")
        for n in names + ["lg-elsewhere"]:
            self.iam.delete_group(GroupName=n)

    def test_get_group_pages_members_in_join_order(self):
        self.iam.create_group(GroupName="crowd")
        joined = ["m%d" % i for i in (5, 2, 8, 0, 7, 1, 9)]
        for n in joined:
            self.iam.create_user(UserName=n, Path="/people/")
            self.iam.add_user_to_group(GroupName="crowd", UserName=n)
        seen, marker, calls = [], None, 0
        while True:
            kw = {"GroupName": "crowd", "MaxItems": 3}
            if marker:
                kw["Marker"] = marker
            page = self.iam.get_group(**kw)
            calls += 1
            self.assertEqual(page["Group"]["GroupName"], "crowd")
            for u in page["Users"]:
                self.assertEqual(set(u), {"Path", "UserName", "UserId", "Arn", "CreateDate"})
                self.assertEqual(u["Path"], "/people/")
            seen += [u["UserName"] for u in page["Users"]]
            if not page["IsTruncated"]:
                break
            marker = page["Marker"]
        self.assertEqual(seen, joined)
        self.assertEqual(calls, 3)
        pages = self.iam.get_paginator("get_group").paginate(
            GroupName="crowd", PaginationConfig={"PageSize": 2})
        self.assertEqual([u["UserName"] for p in pages for u in p["Users"]], joined)
        self.assertError("ValidationError", 400, "Invalid Marker.", self.iam.get_group,
                         GroupName="crowd", Marker="bm90LWEtbWFya2Vy")
        for n in joined:
            self.iam.remove_user_from_group(GroupName="crowd", UserName=n)
            self.iam.delete_user(UserName=n)
        self.iam.delete_group(GroupName="crowd")

    def test_list_groups_for_user_pages_in_join_order(self):
        self.iam.create_user(UserName="joiner")
        joined = ["jz", "ja", "jm", "jb", "jy"]
        for n in joined:
            self.iam.create_group(GroupName=n)
            self.iam.add_user_to_group(GroupName=n, UserName="JOINER")
        first = self.iam.list_groups_for_user(UserName="joiner", MaxItems=2)
        self.assertTrue(first["IsTruncated"])
        rest = self.iam.list_groups_for_user(UserName="joiner", Marker=first["Marker"])
        self.assertFalse(rest["IsTruncated"])
        self.assertEqual([g["GroupName"] for g in first["Groups"] + rest["Groups"]], joined)
        pages = self.iam.get_paginator("list_groups_for_user").paginate(
            UserName="joiner", PaginationConfig={"PageSize": 2})
        self.assertEqual([g["GroupName"] for p in pages for g in p["Groups"]], joined)
        self.assertError("NoSuchEntity", 404, "The user with name nobody cannot be found.",
                         self.iam.list_groups_for_user, UserName="nobody")
        for n in joined:
            self.iam.remove_user_from_group(GroupName=n, UserName="joiner")
            self.iam.delete_group(GroupName=n)
        self.iam.delete_user(UserName="joiner")

    def test_rename_group_keeps_members(self):
        self.iam.create_group(GroupName="before-g", Path="/a/")
        self.iam.create_group(GroupName="taken-g")
        for n in ("rg1", "rg2"):
            self.iam.create_user(UserName=n)
            self.iam.add_user_to_group(GroupName="before-g", UserName=n)
        gid = self.iam.get_group(GroupName="before-g")["Group"]["GroupId"]
        self.assertError("EntityAlreadyExists", 409, "Group with name TAKEN-G already exists.",
                         self.iam.update_group, GroupName="before-g", NewGroupName="TAKEN-G")
        self.iam.update_group(GroupName="before-g", NewGroupName="after-g", NewPath="/b/")
        got = self.iam.get_group(GroupName="after-g")
        self.assertEqual(got["Group"]["GroupId"], gid)
        self.assertEqual(got["Group"]["Arn"], "arn:aws:iam::123456789012:group/b/after-g")
        self.assertEqual([u["UserName"] for u in got["Users"]], ["rg1", "rg2"])
        for n in ("rg1", "rg2"):
            self.assertEqual([g["GroupName"] for g in
                              self.iam.list_groups_for_user(UserName=n)["Groups"]], ["after-g"])
            self.iam.remove_user_from_group(GroupName="after-g", UserName=n)
            self.iam.delete_user(UserName=n)
        # Change of case only is a rename too.
        self.iam.update_group(GroupName="after-g", NewGroupName="AFTER-G")
        self.assertEqual(self.iam.get_group(GroupName="after-g")["Group"]["GroupName"], "AFTER-G")
        self.iam.delete_group(GroupName="after-g")
        self.iam.delete_group(GroupName="taken-g")

    def test_delete_conflicts_while_members_remain(self):
        self.iam.create_group(GroupName="busy-g")
        self.iam.create_user(UserName="busy-u")
        self.iam.add_user_to_group(GroupName="busy-g", UserName="busy-u")
        self.assertError("DeleteConflict", 409,
                         "Cannot delete entity, must remove users from group first.",
                         self.iam.delete_group, GroupName="busy-g")
        self.assertError("DeleteConflict", 409,
                         "Cannot delete entity, must remove users from group first.",
                         self.iam.delete_user, UserName="busy-u")
        self.iam.remove_user_from_group(GroupName="busy-g", UserName="busy-u")
        self.iam.delete_group(GroupName="busy-g")
        self.iam.delete_user(UserName="busy-u")
        self.assertError("NoSuchEntity", 404, "The group with name busy-g cannot be found.",
                         self.iam.delete_group, GroupName="busy-g")

    def test_ten_groups_per_user(self):
        self.iam.create_user(UserName="member-of-many")
        names = ["many%02d" % i for i in range(11)]
        for n in names:
            self.iam.create_group(GroupName=n)
        for n in names[:10]:
            self.iam.add_user_to_group(GroupName=n, UserName="member-of-many")
        self.assertError("LimitExceeded", 409, "Cannot exceed quota for GroupsPerUser: 10",
                         self.iam.add_user_to_group, GroupName=names[10],
                         UserName="member-of-many")
        # Adding again to a group the user is in stays a success at the quota.
        self.iam.add_user_to_group(GroupName=names[0], UserName="member-of-many")
        self.assertEqual(self.iam.get_group(GroupName=names[10])["Users"], [])
        self.assertEqual(len(self.iam.list_groups_for_user(UserName="member-of-many")["Groups"]),
                         10)
        for n in names[:10]:
            self.iam.remove_user_from_group(GroupName=n, UserName="member-of-many")
        for n in names:
            self.iam.delete_group(GroupName=n)
        self.iam.delete_user(UserName="member-of-many")


class GroupAccountQuota(ServerTestCase):
    def test_three_hundred_groups_per_account(self):
        for i in range(300):
            self.iam.create_group(GroupName="quota%03d" % i)
        self.assertError("LimitExceeded", 409, "Cannot exceed quota for GroupsPerAccount: 300",
                         self.iam.create_group, GroupName="one-too-many")
        pages = self.iam.get_paginator("list_groups").paginate()
        self.assertEqual(sum(len(p["Groups"]) for p in pages), 300)
        self.iam.delete_group(GroupName="quota000")
        self.iam.create_group(GroupName="one-too-many")


class GroupsAwsCli(ServerTestCase):
    def test_cli_group_flow(self):
        cli = self.server.cli
        _, out, _ = cli("iam", "create-group", "--group-name", "Admins", "--path", "/ops/")
        self.assertEqual(out["Group"]["Arn"], "arn:aws:iam::123456789012:group/ops/Admins")
        cli("iam", "create-group", "--group-name", "Developers")
        for name in ("sally", "john", "maria"):
            cli("iam", "create-user", "--user-name", name)
            cli("iam", "add-user-to-group", "--group-name", "Developers", "--user-name", name)
        cli("iam", "add-user-to-group", "--group-name", "Admins", "--user-name", "sally")
        # --page-size makes the CLI fetch 1 member per call and follow the markers.
        _, out, _ = cli("iam", "get-group", "--group-name", "Developers", "--page-size", "1")
        self.assertEqual(out["Group"]["GroupName"], "Developers")
        self.assertEqual([u["UserName"] for u in out["Users"]], ["sally", "john", "maria"])
        _, out, _ = cli("iam", "list-groups", "--page-size", "1")
        self.assertEqual([g["GroupName"] for g in out["Groups"]], ["Admins", "Developers"])
        _, out, _ = cli("iam", "list-groups", "--path-prefix", "/ops/")
        self.assertEqual([g["GroupName"] for g in out["Groups"]], ["Admins"])
        _, out, _ = cli("iam", "list-groups-for-user", "--user-name", "sally")
        self.assertEqual([g["GroupName"] for g in out["Groups"]], ["Developers", "Admins"])
        cli("iam", "update-group", "--group-name", "Developers", "--new-group-name", "Engineers",
            "--new-path", "/eng/")
        _, out, _ = cli("iam", "list-groups-for-user", "--user-name", "john")
        self.assertEqual(out["Groups"][0]["Arn"], "arn:aws:iam::123456789012:group/eng/Engineers")
        rc, _, err = cli("iam", "delete-group", "--group-name", "Engineers", check=False)
        self.assertNotEqual(rc, 0)
        self.assertIn("(DeleteConflict) when calling the DeleteGroup operation: "
                      "Cannot delete entity, must remove users from group first.", err)
        for name in ("sally", "john", "maria"):
            cli("iam", "remove-user-from-group", "--group-name", "Engineers", "--user-name", name)
        cli("iam", "remove-user-from-group", "--group-name", "Admins", "--user-name", "sally")
        for name in ("sally", "john", "maria"):
            cli("iam", "delete-user", "--user-name", name)
        cli("iam", "delete-group", "--group-name", "Engineers")
        cli("iam", "delete-group", "--group-name", "Admins")
        _, out, _ = cli("iam", "list-groups")
        self.assertEqual(out["Groups"], [])

    def test_cli_errors(self):
        cli = self.server.cli
        rc, _, err = cli("iam", "get-group", "--group-name", "nobody", check=False)
        self.assertNotEqual(rc, 0)
        self.assertIn("(NoSuchEntity) when calling the GetGroup operation: "
                      "The group with name nobody cannot be found.", err)
        cli("iam", "create-group", "--group-name", "dupe")
        rc, _, err = cli("iam", "create-group", "--group-name", "dupe", check=False)
        self.assertIn("(EntityAlreadyExists) when calling the CreateGroup operation: "
                      "Group with name dupe already exists.", err)
        rc, _, err = cli("iam", "add-user-to-group", "--group-name", "dupe", "--user-name",
                         "ghost", check=False)
        self.assertIn("(NoSuchEntity) when calling the AddUserToGroup operation: "
                      "The user with name ghost cannot be found.", err)
        cli("iam", "delete-group", "--group-name", "dupe")


if __name__ == "__main__":
    unittest.main()
