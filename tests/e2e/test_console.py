"""The web console (/console) and its JSON read API (/iamlite/console/api/), on the founding
example: the API with urllib, the pages in real headless Chromium (skipped when no chromium is
installed; scripts/test-console installs it and keeps the screenshots under docs/screenshots/).
"""
import http.cookiejar
import json
import os
import tempfile
import unittest
import urllib.error
import urllib.request

from chrome_driver import Chrome, find_chromium
from harness import ROOT, Server

FIXTURE = os.path.join(ROOT, "scripts", "fixtures", "founding-example.json")
ACCOUNT = "123456789012"
MARY = "arn:aws:iam::%s:user/company/mary" % ACCOUNT
BILLING_OBJECT = "arn:aws:s3:::example-billing-bucket/report.csv"
PASSWORD = "Initial-Passw0rd!"


class Http:
    """A urllib client with its own cookie jar."""

    def __init__(self, endpoint):
        self.endpoint = endpoint
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def call(self, path, body=None, method=None):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.endpoint + path, data=data, method=method)
        if data is not None:
            req.add_header("content-type", "application/json")
        try:
            with self.opener.open(req, timeout=30) as resp:
                return resp.status, resp.headers, resp.read().decode()
        except urllib.error.HTTPError as e:
            return e.code, e.headers, e.read().decode()

    def api(self, name, body=None, query=""):
        status, _, text = self.call("/iamlite/console/api/" + name + query, body)
        return status, json.loads(text)


def text_at(text, start, end):
    """The original text of a matched statement, from the simulator's positions (line and
    column of the characters just after the opening and the closing brace)."""
    lines = text.split("\n")
    offset = lambda p: sum(len(l) + 1 for l in lines[:p["line"] - 1]) + p["column"] - 1
    return text[offset(start) - 1:offset(end)]


class ConsoleApiTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server("--fixture", FIXTURE)
        cls.http = Http(cls.server.endpoint)

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def test_pages_are_served_from_the_binary(self):
        for path, kind in [("/console", "text/html"), ("/console/", "text/html"),
                           ("/console/app.js", "text/javascript"),
                           ("/console/style.css", "text/css")]:
            status, headers, body = self.http.call(path)
            self.assertEqual(200, status, path)
            self.assertTrue(headers["content-type"].startswith(kind), path)
            self.assertTrue(body, path)
        status, _, body = self.http.call("/console/index.html")
        self.assertIn('<script type="module" src="/console/app.js">', body)
        status, _, _ = self.http.call("/console/nothing.js")
        self.assertEqual(404, status)
        status, _, _ = self.http.call("/iamlite/console/api/nothing")
        self.assertEqual(404, status)

    def test_account_view_has_everything_but_secrets(self):
        status, view = self.http.api("account")
        self.assertEqual(200, status)
        self.assertEqual(ACCOUNT, view["account"])
        self.assertEqual(["jane", "john", "maria", "mary", "sally"],
                         [u["name"] for u in view["users"]])
        mary = next(u for u in view["users"] if u["name"] == "mary")
        self.assertEqual(["Accountants"], mary["groups"])
        self.assertTrue(mary["login_profile"]["password_reset_required"])
        self.assertEqual([], mary["access_keys"])
        sally = next(u for u in view["users"] if u["name"] == "sally")
        self.assertEqual([{"id": "AKIAFOUNDINGSALLY000", "status": "Active"}],
                         [{k: key[k] for k in ("id", "status")} for key in sally["access_keys"]])
        _, _, raw = self.http.call("/iamlite/console/api/account")
        self.assertNotIn("SecretAccessKey", raw)
        self.assertNotIn("pbkdf2", raw)
        billing = next(p for p in view["policies"] if p["name"] == "BillingBucketReadOnly")
        self.assertEqual("customer", billing["kind"])
        self.assertEqual([{"type": "group", "name": "Accountants",
                           "arn": "arn:aws:iam::%s:group/company/Accountants" % ACCOUNT}],
                         billing["attached_to"])
        self.assertEqual("v1", billing["default_version"])
        self.assertIn("ReadBillingObjects", billing["versions"][0]["document"])
        s3 = next(p for p in view["policies"] if p["name"] == "AmazonS3FullAccess")
        self.assertEqual("aws", s3["kind"])
        self.assertEqual(["DevOps", "MobileDevelopers", "WebDevelopers"],
                         sorted(a["name"] for a in s3["attached_to"]))
        self.assertEqual({"users": 0, "groups": 0, "roles": 0, "policies": 0}, view["hidden"])

    def test_accounts(self):
        status, body = self.http.api("accounts")
        self.assertEqual(200, status)
        self.assertIn({"id": ACCOUNT, "users": 5, "groups": 4, "roles": 0, "policies": 1},
                      body["accounts"])
        status, _ = self.http.api("account", query="?account=12")
        self.assertEqual(404, status)

    def test_simulation_matches_the_billing_statement(self):
        status, sim = self.http.api("simulate", {"principal": MARY, "actions": ["s3:GetObject"],
                                                 "resources": [BILLING_OBJECT]})
        self.assertEqual(200, status, sim)
        (result,) = sim["results"]
        self.assertEqual("allowed", result["decision"])
        (matched,) = result["matched"]
        self.assertEqual("BillingBucketReadOnly", matched["source_policy_id"])
        (policy,) = sim["policies"]
        self.assertEqual("BillingBucketReadOnly", policy["id"])
        statement = text_at(policy["text"], matched["start"], matched["end"])
        self.assertTrue(statement.startswith("{") and statement.endswith("}"), statement)
        self.assertIn('"ReadBillingObjects"', statement)
        self.assertNotIn("ListBillingBucket", statement)
        self.assertIn("BillingBucketReadOnly", result["explanation"])

    def test_simulation_with_context_and_errors(self):
        status, sim = self.http.api("simulate", {
            "principal": MARY, "actions": ["s3:PutObject", "s3:GetObject"],
            "resources": [BILLING_OBJECT], "context": ["aws:SourceIp=ip:10.0.0.1"]})
        self.assertEqual(200, status, sim)
        self.assertEqual(["implicitDeny", "allowed"], [r["decision"] for r in sim["results"]])
        self.assertEqual([], sim["results"][0]["matched"])
        status, err = self.http.api("simulate", {"principal": MARY, "actions": ["s3:GetObject"],
                                                 "context": ["no-equals-sign"]})
        self.assertEqual((400, "InvalidInput"), (status, err["error"]))
        status, err = self.http.api("simulate", {
            "principal": "arn:aws:iam::%s:user/nobody" % ACCOUNT, "actions": ["s3:GetObject"]})
        self.assertEqual((404, "NoSuchEntity"), (status, err["error"]))
        self.assertEqual("The user with name nobody cannot be found.", err["message"])
        status, err = self.http.api("simulate", {"principal": MARY})
        self.assertEqual(400, status)
        status, _, _ = self.http.call("/iamlite/console/api/simulate", method="GET")
        self.assertEqual(405, status)
        status, _, _ = self.http.call("/iamlite/console/api/simulate", body=None, method="POST")
        self.assertEqual(400, status)

    def test_matrix(self):
        actions = ["s3:GetObject", "ec2:RunInstances", "cognito-idp:ListUserPools"]
        status, m = self.http.api("matrix", {"actions": actions, "resources": [BILLING_OBJECT]})
        self.assertEqual(200, status, m)
        rows = {r["name"]: [c["decision"] for c in r["cells"]] for r in m["rows"]}
        self.assertEqual({
            "jane": ["allowed", "implicitDeny", "allowed"],
            "john": ["allowed", "implicitDeny", "implicitDeny"],
            "maria": ["allowed", "implicitDeny", "implicitDeny"],
            "mary": ["allowed", "implicitDeny", "implicitDeny"],
            "sally": ["allowed", "allowed", "implicitDeny"],
        }, rows)

    def test_sign_in_filters_through_the_users_policies(self):
        client = Http(self.server.endpoint)
        status, err = client.api("login", {"user": "mary", "password": "wrong"})
        self.assertEqual((403, "AccessDenied"), (status, err["error"]))
        self.assertEqual("Your authentication information is incorrect. Please try again.",
                         err["message"])
        status, err = client.api("login", {"user": "jane", "password": PASSWORD})
        self.assertEqual(403, status, "jane has no login profile")
        status, body = client.api("login", {"user": "mary", "password": PASSWORD})
        self.assertEqual(200, status, body)
        self.assertEqual(MARY, body["arn"])
        _, session = client.api("session")
        self.assertEqual({"account": ACCOUNT, "arn": MARY, "user": "mary"}, session["signed_in"])
        # Mary's only policy reads the billing bucket: she may read no IAM entity.
        status, view = client.api("account")
        self.assertEqual(200, status)
        self.assertEqual(MARY, view["viewer"])
        self.assertEqual([], view["users"])
        self.assertEqual({"users": 5, "groups": 4, "roles": 0, "policies": 6}, view["hidden"])
        status, err = client.api("simulate", {"principal": MARY, "actions": ["s3:GetObject"]})
        self.assertEqual((403, "AccessDenied"), (status, err["error"]))
        self.assertIn("iam:SimulatePrincipalPolicy", err["message"])
        status, err = client.api("account", query="?account=210987654321")
        self.assertEqual(404, status)
        client.api("logout", {})
        _, session = client.api("session")
        self.assertIsNone(session["signed_in"])
        status, view = client.api("account")
        self.assertEqual(5, len(view["users"]))


class ConsoleAuthTest(unittest.TestCase):
    """--console-auth: nothing without signing in; a user sees what its policies allow."""

    @classmethod
    def setUpClass(cls):
        cls.server = Server("--fixture", FIXTURE, "--console-auth")
        iam = cls.server.client("iam")
        iam.create_user(UserName="auditor")
        iam.create_login_profile(UserName="auditor", Password=PASSWORD)
        iam.put_user_policy(UserName="auditor", PolicyName="ReadAccountants", PolicyDocument=json.dumps({
            "Version": "2012-10-17",
            "Statement": [
                {"Effect": "Allow", "Action": ["iam:GetUser", "iam:ListAccessKeys"],
                 "Resource": ["arn:aws:iam::%s:user/company/*" % ACCOUNT]},
                {"Effect": "Allow", "Action": "iam:GetGroup",
                 "Resource": "arn:aws:iam::%s:group/company/Accountants" % ACCOUNT},
                {"Effect": "Deny", "Action": "iam:GetUser",
                 "Resource": "arn:aws:iam::%s:user/company/sally" % ACCOUNT},
                {"Effect": "Allow", "Action": "iam:SimulatePrincipalPolicy", "Resource": MARY}]}))

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def test_everything_needs_a_session(self):
        client = Http(self.server.endpoint)
        _, session = client.api("session")
        self.assertEqual(True, session["auth_required"])
        for name, body in [("account", None), ("accounts", None),
                           ("simulate", {"principal": MARY, "actions": ["s3:GetObject"]}),
                           ("matrix", {"actions": ["s3:GetObject"]})]:
            status, err = client.api(name, body)
            self.assertEqual((401, "NotSignedIn"), (status, err["error"]), name)
        status, _, _ = client.call("/console/")
        self.assertEqual(200, status, "the page itself is public: it shows the sign-in form")

    def test_signed_in_user_sees_what_it_may_read(self):
        client = Http(self.server.endpoint)
        status, _ = client.api("login", {"user": "auditor", "password": PASSWORD})
        self.assertEqual(200, status)
        _, view = client.api("account")
        self.assertEqual(["jane", "john", "maria", "mary"], [u["name"] for u in view["users"]])
        self.assertEqual(["Accountants"], [g["name"] for g in view["groups"]])
        mary = next(u for u in view["users"] if u["name"] == "mary")
        self.assertIn("access_keys", mary)
        self.assertNotIn("login_profile", mary, "iam:GetLoginProfile is not allowed")
        self.assertEqual({"users": 2, "groups": 3, "roles": 0, "policies": 6}, view["hidden"])
        status, sim = client.api("simulate", {"principal": MARY, "actions": ["s3:GetObject"],
                                              "resources": [BILLING_OBJECT]})
        self.assertEqual(200, status, sim)
        self.assertEqual("allowed", sim["results"][0]["decision"])
        status, m = client.api("matrix", {"actions": ["s3:GetObject"]})
        self.assertEqual(["mary"], [r["name"] for r in m["rows"]])
        _, accounts = client.api("accounts")
        self.assertEqual([{"id": ACCOUNT, "users": 4, "groups": 1, "roles": 0, "policies": 0}],
                         accounts["accounts"])


CHROMIUM = find_chromium()


@unittest.skipUnless(CHROMIUM, "chromium is not installed (scripts/test-console installs it)")
class ConsoleBrowserTest(unittest.TestCase):
    """Loads the console in headless Chromium, navigates, simulates and takes screenshots."""

    @classmethod
    def setUpClass(cls):
        cls.shots = os.environ.get("IAMLITE_CONSOLE_SCREENSHOTS") or tempfile.mkdtemp(
            prefix="iamlite-console-shots-")
        os.makedirs(cls.shots, exist_ok=True)
        cls.server = Server("--fixture", FIXTURE, "--quiet")
        cls.chrome = Chrome(CHROMIUM)
        cls.chrome.open_page()

    @classmethod
    def tearDownClass(cls):
        cls.chrome.close()
        cls.server.stop()

    def go(self, hash_route, page):
        c = self.chrome
        if c.eval("location.pathname") != "/console/":
            c.navigate(self.server.endpoint + "/console/" + hash_route)
        else:
            c.eval("location.hash = %s" % json.dumps(hash_route))
        c.wait_for("document.getElementById('main')?.dataset.page === %s && "
                   "document.getElementById('main').getAttribute('aria-busy') === 'false'"
                   % json.dumps(page))

    def shot(self, name):
        self.chrome.screenshot(os.path.join(self.shots, name))
        self.assertGreater(os.path.getsize(os.path.join(self.shots, name)), 5000)

    def test_1_accounts_and_users(self):
        self.go("#/accounts", "accounts")
        self.assertIn(ACCOUNT, self.chrome.eval("document.querySelector('main table').innerText"))
        self.shot("accounts.png")
        self.go("#/users", "users")
        names = self.chrome.eval(
            "[...document.querySelectorAll('main tbody tr td:first-child')].map(t => t.innerText)")
        self.assertEqual(["jane", "john", "maria", "mary", "sally"], names)
        # Navigate by clicking the link, as a person would.
        self.chrome.eval("[...document.querySelectorAll('main a')].find(a => a.innerText === 'mary').click()")
        self.chrome.wait_for("document.getElementById('user-page')")
        page = self.chrome.eval("document.getElementById('user-page').innerText")
        self.assertIn("Accountants", page)
        self.assertIn("BillingBucketReadOnly", page)
        self.assertIn(MARY, page)
        self.shot("user.png")

    def test_2_policy_document_pretty_printed(self):
        arn = "arn:aws:iam::%s:policy/company/BillingBucketReadOnly" % ACCOUNT
        self.go("#/policies/" + arn.replace("/", "%2F"), "policies")
        text = self.chrome.wait_for("document.querySelector('#policy-page pre.policy')?.innerText")
        self.assertIn('"Sid": "ReadBillingObjects"', text)
        self.assertEqual(json.loads(text)["Statement"][1]["Sid"], "ReadBillingObjects")
        self.assertIn("group", self.chrome.eval("document.getElementById('policy-page').innerText"))

    def test_3_graph(self):
        self.go("#/graph", "graph")
        self.chrome.wait_for("document.querySelector('svg.graph .node')")
        kinds = self.chrome.eval("[...document.querySelectorAll('svg.graph .node')].map(n => n.classList[1])")
        self.assertEqual(5, kinds.count("user"))
        self.assertEqual(4, kinds.count("group"))
        self.assertEqual(1, kinds.count("policy"))
        self.assertEqual(5, kinds.count("aws"))
        self.chrome.eval("document.querySelector('svg.graph .node[data-id=\"u:mary\"]')"
                         ".dispatchEvent(new MouseEvent('click'))")
        lit = self.chrome.eval("[...document.querySelectorAll('svg.graph .node.lit')].map(n => n.dataset.id)")
        self.assertEqual(sorted(["u:mary", "g:Accountants",
                                 "p:arn:aws:iam::%s:policy/company/BillingBucketReadOnly" % ACCOUNT]),
                         sorted(lit))
        self.shot("graph.png")

    def test_4_simulator_highlights_the_statement(self):
        self.go("#/simulator/" + MARY.replace("/", "%2F"), "simulator")
        self.assertEqual(MARY, self.chrome.eval("document.querySelector('#sim-form select').value"))
        self.chrome.eval("document.querySelector('#sim-form textarea[name=actions]').value = 's3:GetObject'")
        self.chrome.eval("document.querySelector('#sim-form textarea[name=resources]').value = %s"
                         % json.dumps(BILLING_OBJECT))
        self.chrome.eval("document.getElementById('sim-run').click()")
        decision = self.chrome.wait_for("document.querySelector('#sim-out .decision')?.innerText")
        self.assertEqual("allowed", decision)
        marks = self.chrome.eval("[...document.querySelectorAll('#sim-out mark.hl')].map(m => m.innerText.trim())")
        self.assertEqual(1, len(marks), marks)
        self.assertTrue(marks[0].startswith("{") and marks[0].endswith("}"), marks[0])
        self.assertIn('"Sid": "ReadBillingObjects"', marks[0])
        self.assertNotIn("ListBillingBucket", marks[0])
        self.shot("simulator.png")

    def test_5_matrix(self):
        self.go("#/matrix", "matrix")
        self.chrome.wait_for("document.querySelector('#matrix td.cell')")
        cell = "document.querySelector('#matrix td[data-principal=\"%s\"][data-action=\"%s\"][data-resource=\"%s\"]')"
        self.assertTrue(self.chrome.eval((cell % ("mary", "s3:GetObject", BILLING_OBJECT)) + ".classList.contains('allowed')"))
        self.assertTrue(self.chrome.eval((cell % ("mary", "ec2:RunInstances", "*")) + ".classList.contains('denied')"))
        self.assertTrue(self.chrome.eval((cell % ("sally", "ec2:RunInstances", "*")) + ".classList.contains('allowed')"))
        self.chrome.eval((cell % ("mary", "s3:GetObject", BILLING_OBJECT)) + ".click()")
        self.chrome.wait_for("document.querySelector('#matrix-detail mark.hl')")
        self.assertIn("BillingBucketReadOnly",
                      self.chrome.eval("document.getElementById('matrix-detail').innerText"))
        self.chrome.eval("window.scrollTo(0, 0)")
        self.shot("matrix.png")

    def test_6_sign_in(self):
        self.go("#/signin", "signin")
        self.chrome.eval("document.querySelector('#signin-form input[name=user]').value = 'mary'")
        self.chrome.eval("document.querySelector('#signin-form input[name=password]').value = %s"
                         % json.dumps(PASSWORD))
        self.chrome.eval("document.querySelector('#signin-form button').click()")
        self.chrome.wait_for("document.getElementById('signed-in')")
        self.chrome.wait_for("document.getElementById('main').dataset.page === 'users' && "
                             "document.getElementById('main').getAttribute('aria-busy') === 'false'")
        self.assertIn("5 users hidden", self.chrome.eval("document.getElementById('main').innerText"))
        self.chrome.eval("document.getElementById('sign-out').click()")
        self.chrome.wait_for("!document.getElementById('signed-in')")


if __name__ == "__main__":
    unittest.main()
