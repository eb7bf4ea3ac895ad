"""Concurrency correctness under load: many parallel clients (raw HTTP on loopback, one
keep-alive connection per thread) create, attach and delete overlapping entities; afterwards
the exported state (GET /iamlite/state) must obey every invariant and agree with the requests
the server acknowledged. Bounded: a fixed number of requests, a time limit on every phase.
"""
import http.client
import json
import random
import re
import threading
import time
import unittest
import urllib.parse

from harness import Server

ACCOUNT = "123456789012"
THREADS = 16
OPS_PER_THREAD = 150
USERS = ["u%d" % i for i in range(12)]
GROUPS = ["g%d" % i for i in range(6)]
POLICIES = ["p%d" % i for i in range(4)]
AWS_POLICY = "arn:aws:iam::aws:policy/ReadOnlyAccess"
CHURN = ["churn%d" % i for i in range(6)]  # users created and deleted over and over
DOCUMENT = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]})


def policy_arn(name):
    return AWS_POLICY if name == "aws" else "arn:aws:iam::%s:policy/%s" % (ACCOUNT, name)


class Client:
    """One keep-alive connection; call() returns (status, error code or None)."""

    def __init__(self, server):
        self.conn = http.client.HTTPConnection(server.host, server.port, timeout=60)

    def call(self, action, **params):
        body = urllib.parse.urlencode(dict(Action=action, Version="2010-05-08", **params))
        self.conn.request("POST", "/", body,
                          {"Content-Type": "application/x-www-form-urlencoded"})
        r = self.conn.getresponse()
        text = r.read().decode()
        code = re.search(r"<Code>([^<]*)</Code>", text)
        return r.status, code.group(1) if code else None

    def close(self):
        self.conn.close()


def run_threads(target, n, limit_seconds=120):
    errors = []

    def wrapped(i):
        try:
            target(i)
        except Exception as e:  # noqa: BLE001 - reported below
            errors.append(repr(e))

    threads = [threading.Thread(target=wrapped, args=(i,), daemon=True) for i in range(n)]
    for t in threads:
        t.start()
    deadline = time.monotonic() + limit_seconds
    for t in threads:
        t.join(max(0.0, deadline - time.monotonic()))
    if any(t.is_alive() for t in threads):
        raise AssertionError("load phase did not finish within %d s" % limit_seconds)
    if errors:
        raise AssertionError("client errors: %s" % errors[:3])


class LoadTest(unittest.TestCase):
    def setUp(self):
        # Four server threads whatever the machine (the default is one per core but one):
        # the invariants must hold with requests of one account running in parallel.
        self.server = Server("--quiet", "--threads", "4")

    def tearDown(self):
        self.assertEqual(self.server.stop(), 0)  # a clean exit (no sanitizer report)

    def state(self):
        conn = http.client.HTTPConnection(self.server.host, self.server.port, timeout=60)
        conn.request("GET", "/iamlite/state")
        doc = json.loads(conn.getresponse().read())
        conn.close()
        return doc["accounts"].get(ACCOUNT, {})

    def check_invariants(self, acct):
        users = {u["name"]: u for u in acct.get("users", [])}
        groups = {g["name"]: g for g in acct.get("groups", [])}
        policies = {p["name"]: p for p in acct.get("policies", [])}
        # Memberships are recorded on both sides, and name existing entities.
        for u in users.values():
            for g in u.get("groups", []):
                self.assertIn(g, groups, "user %s in missing group %s" % (u["name"], g))
                self.assertIn(u["name"], groups[g].get("members", []))
        for g in groups.values():
            for m in g.get("members", []):
                self.assertIn(m, users, "group %s lists missing user %s" % (g["name"], m))
                self.assertIn(g["name"], users[m].get("groups", []))
        # Attachment counts equal the real attachments; attached policies exist.
        attached = {}
        for e in list(users.values()) + list(groups.values()):
            for arn in e.get("attached_policies", []):
                attached[arn] = attached.get(arn, 0) + 1
                if arn != AWS_POLICY:
                    self.assertIn(arn.rsplit("/", 1)[1], policies, "dangling " + arn)
        for p in policies.values():
            self.assertEqual(p["attachment_count"], attached.get(policy_arn(p["name"]), 0),
                             "attachment count of %s" % p["name"])
        aws_counts = acct.get("settings", {}).get("aws_policy_attachments", {})
        self.assertEqual(aws_counts.get(AWS_POLICY, 0), attached.get(AWS_POLICY, 0))
        return users, groups, policies

    def test_same_name_creates_race_exactly_one_wins(self):
        names = ["race%d" % i for i in range(20)]
        results = {n: [] for n in names}
        lock = threading.Lock()

        def worker(i):
            c = Client(self.server)
            order = names[:]
            random.Random(i).shuffle(order)
            for n in order:
                status, code = c.call("CreateUser", UserName=n)
                with lock:
                    results[n].append((status, code))
            c.close()

        run_threads(worker, THREADS)
        for n, rs in results.items():
            wins = [r for r in rs if r[0] == 200]
            self.assertEqual(len(wins), 1, "%s: %s" % (n, rs))
            self.assertEqual(sorted(set(rs) - {(200, None)}), [(409, "EntityAlreadyExists")])
        self.assertEqual(sorted(u["name"] for u in self.state().get("users", [])), sorted(names))

    def test_overlapping_mutations_keep_every_invariant(self):
        setup = Client(self.server)
        for u in USERS:
            self.assertEqual(setup.call("CreateUser", UserName=u)[0], 200)
        for g in GROUPS:
            self.assertEqual(setup.call("CreateGroup", GroupName=g)[0], 200)
        for p in POLICIES:
            self.assertEqual(setup.call("CreatePolicy", PolicyName=p, PolicyDocument=DOCUMENT)[0],
                             200)
        setup.close()

        log = []  # (relation, op, start, end, status, code)
        lock = threading.Lock()
        policy_names = POLICIES + ["aws"]

        def worker(i):
            rng = random.Random(1000 + i)
            c = Client(self.server)
            for _ in range(OPS_PER_THREAD):
                kind = rng.randrange(4)
                u, g, p = rng.choice(USERS), rng.choice(GROUPS), rng.choice(policy_names)
                add = rng.random() < 0.55
                if kind == 0:
                    rel = ("member", u, g)
                    args = ("AddUserToGroup" if add else "RemoveUserFromGroup",
                            dict(UserName=u, GroupName=g))
                elif kind == 1:
                    rel = ("user-policy", u, p)
                    args = ("AttachUserPolicy" if add else "DetachUserPolicy",
                            dict(UserName=u, PolicyArn=policy_arn(p)))
                elif kind == 2:
                    rel = ("group-policy", g, p)
                    args = ("AttachGroupPolicy" if add else "DetachGroupPolicy",
                            dict(GroupName=g, PolicyArn=policy_arn(p)))
                else:
                    n = rng.choice(CHURN)
                    rel = ("churn", n, None)
                    args = ("CreateUser" if add else "DeleteUser", dict(UserName=n))
                start = time.monotonic()
                status, code = c.call(args[0], **args[1])
                end = time.monotonic()
                with lock:
                    log.append((rel, add, start, end, status, code))
            c.close()

        run_threads(worker, THREADS)
        self.assertEqual(len(log), THREADS * OPS_PER_THREAD)
        acct = self.state()
        users, groups, _ = self.check_invariants(acct)

        # Every answer is a success or the documented refusal for the state at the time.
        expected_refusals = {
            ("user-policy", False): {"NoSuchEntity"},
            ("group-policy", False): {"NoSuchEntity"},
            ("churn", True): {"EntityAlreadyExists"},
            ("churn", False): {"NoSuchEntity"},
        }
        for rel, add, _, _, status, code in log:
            if status != 200:
                self.assertIn(code, expected_refusals.get((rel[0], add), set()),
                              "%s add=%s -> %d %s" % (rel, add, status, code))
            if rel[0] in ("member", "user-policy", "group-policy") and add:
                self.assertEqual(status, 200, "%s -> %s" % (rel, code))

        def present(rel):
            if rel[0] == "member":
                return rel[2] in users[rel[1]].get("groups", [])
            if rel[0] == "user-policy":
                return policy_arn(rel[2]) in users[rel[1]].get("attached_policies", [])
            if rel[0] == "group-policy":
                return policy_arn(rel[2]) in groups[rel[1]].get("attached_policies", [])
            return rel[1] in users

        by_rel = {}
        for entry in log:
            by_rel.setdefault(entry[0], []).append(entry)
        for rel, entries in by_rel.items():
            ok = [e for e in entries if e[4] == 200]
            adds = sum(1 for e in ok if e[1])
            removes = sum(1 for e in ok if not e[1])
            if rel[0] == "churn":
                # Creates and deletes both fail unless they change the state: the acknowledged
                # ones alternate, starting from absent.
                self.assertIn(adds - removes, (0, 1), rel)
                self.assertEqual(present(rel), adds - removes == 1, rel)
                continue
            # A detach succeeds only when the policy is attached: some attach came first.
            # (RemoveUserFromGroup of a non-member succeeds: not a transition.)
            if rel[0] != "member":
                self.assertLessEqual(removes, adds, rel)
            if adds == 0:
                self.assertFalse(present(rel), rel)
                continue
            # The last acknowledged change, when it overlapped no other acknowledged change
            # of the relation, decides the final state.
            last = max(ok, key=lambda e: e[3])
            if all(e is last or e[3] < last[2] for e in ok):
                self.assertEqual(present(rel), last[1], "%s last=%s" % (rel, last))

        # Concurrent teardown: every thread tries to undo everything; exactly one delete of
        # each entity wins.
        deletes = {}

        def teardown(i):
            c = Client(self.server)
            rng = random.Random(2000 + i)
            names = USERS + CHURN
            rng.shuffle(names)
            for u in names:
                for g in GROUPS:
                    c.call("RemoveUserFromGroup", UserName=u, GroupName=g)
                for p in policy_names:
                    c.call("DetachUserPolicy", UserName=u, PolicyArn=policy_arn(p))
                status, code = c.call("DeleteUser", UserName=u)
                with lock:
                    deletes.setdefault(u, []).append((status, code))
            for g in GROUPS:
                for p in policy_names:
                    c.call("DetachGroupPolicy", GroupName=g, PolicyArn=policy_arn(p))
                status, code = c.call("DeleteGroup", GroupName=g)
                with lock:
                    deletes.setdefault(g, []).append((status, code))
            c.close()

        run_threads(teardown, 8)
        for name, rs in deletes.items():
            wins = [r for r in rs if r[0] == 200]
            existed = name in users or name in groups
            self.assertEqual(len(wins), 1 if existed else 0, "%s: %s" % (name, rs))
            for r in rs:
                if r[0] != 200:
                    self.assertIn(r[1], ("NoSuchEntity", "DeleteConflict"), (name, r))
        acct = self.state()
        self.check_invariants(acct)
        self.assertEqual(acct.get("users", []), [])
        self.assertEqual(acct.get("groups", []), [])
        for p in acct.get("policies", []):
            self.assertEqual(p["attachment_count"], 0)


if __name__ == "__main__":
    unittest.main()
