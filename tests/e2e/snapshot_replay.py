"""Replays of real-AWS recordings (LocalStack snapshot files, see
shared/localstack-snapshots/INDEX.md): a test repeats a recorded call sequence against iamlite,
normalises each response the way the recording was normalised (ids, dates, names, account,
partition replaced by placeholders) and compares it with the recorded capture.

The recordings live outside the repository; $IAMLITE_SNAPSHOTS points at the folder (default
/work/shared/localstack-snapshots). Tests that need them skip when it is absent.
"""
import datetime
import json
import os

SNAPSHOTS = os.environ.get("IAMLITE_SNAPSHOTS", "/work/shared/localstack-snapshots")
ACCOUNT = "123456789012"

# Keys whose values are replaced by numbered placeholders in order of first appearance.
_NUMBERED_KEYS = {"RoleId": "role-id", "InstanceProfileId": "instance-profile-id",
                  "PolicyId": "policy-id", "Marker": "marker"}


def available():
    return os.path.isdir(SNAPSHOTS)


def load(file, test):
    """The recorded captures of `test` ("Class::test_name") in iam/`file`."""
    with open(os.path.join(SNAPSHOTS, "iam", file)) as f:
        data = json.load(f)
    for key, value in data.items():
        if key.endswith("::" + test):
            return value["recorded-content"]
    raise KeyError(test)


class Recording:
    def __init__(self, testcase, file, test):
        self.testcase = testcase
        self.recorded = load(file, test)
        self.names = {}  # literal -> placeholder, longest replaced first
        self.numbered = {}  # (kind, value) -> placeholder

    def name(self, value, placeholder):
        """Registers a literal (a name, a path) and the placeholder the recording shows."""
        self.names[value] = placeholder
        return value

    def _string(self, s):
        for literal in sorted(self.names, key=len, reverse=True):
            s = s.replace(literal, self.names[literal])
        return s.replace("arn:aws:", "arn:<partition>:").replace(ACCOUNT, "111111111111")

    def _normalise(self, value, key=None):
        if isinstance(value, dict):
            return {k: self._normalise(v, k) for k, v in value.items()}
        if isinstance(value, list):
            return [self._normalise(v) for v in value]
        if isinstance(value, datetime.datetime):
            return "<datetime>"
        if isinstance(value, str) and key in _NUMBERED_KEYS:
            kind = _NUMBERED_KEYS[key]
            if (kind, value) not in self.numbered:
                n = sum(1 for k, _ in self.numbered if k == kind) + 1
                self.numbered[(kind, value)] = "<%s:%d>" % (kind, n)
            return self.numbered[(kind, value)]
        if isinstance(value, str):
            return self._string(value)
        return value

    def match(self, capture, response):
        """Asserts that `response` (a boto3 result or ClientError.response) equals the capture."""
        response = dict(response)
        meta = response.pop("ResponseMetadata", None)
        got = self._normalise(response)
        if meta is not None:
            got["ResponseMetadata"] = {"HTTPHeaders": {}, "HTTPStatusCode": meta["HTTPStatusCode"]}
        expected = self.recorded[capture]
        self.testcase.assertEqual(got, expected, "capture %s" % capture)

    def error(self, capture, fn, *args, **kwargs):
        """Calls fn, which must fail, and matches its error against the capture."""
        from botocore.exceptions import ClientError
        with self.testcase.assertRaises(ClientError) as cm:
            fn(*args, **kwargs)
        self.match(capture, cm.exception.response)
