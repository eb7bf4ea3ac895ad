#!/usr/bin/env python3
"""Prints the founding example's access matrix: who may do what, and why.

Asks a running iamlite through the IAM policy simulator (SimulatePrincipalPolicy, as
`aws iam simulate-principal-policy` does), one question per cell, and prints a table of
people x tasks with a one-line reason per decision. Usage:

    access_matrix.py ENDPOINT [--json]
"""
import json
import sys

import boto3

ACCOUNT_TASKS = [
    # (column, action, resource)
    ("EB", "elasticbeanstalk:CreateApplication", "*"),
    ("EC2", "ec2:RunInstances", "*"),
    ("S3", "s3:PutObject", "arn:aws:s3:::example-app-bucket/index.html"),
    ("SQS", "sqs:SendMessage", "arn:aws:sqs:us-east-1:123456789012:orders"),
    ("Cognito", "cognito-idp:ListUserPools", "*"),
    ("Billing", "s3:GetObject", "arn:aws:s3:::example-billing-bucket/2026-11.csv"),
]
PEOPLE = ["sally", "john", "maria", "jane", "mary", "peter"]


def reason(result):
    decision = result["EvalDecision"]
    matched = result.get("MatchedStatements") or []
    sources = sorted({m["SourcePolicyId"] for m in matched})
    if decision == "allowed":
        return "allowed by " + ", ".join(sources)
    if decision == "explicitDeny":
        return "explicitly denied by " + ", ".join(sources)
    return "no policy allows it"


def access(iam, name):
    """(console, programmatic) for a user: a login profile, active access keys."""
    try:
        iam.get_login_profile(UserName=name)
        console = True
    except iam.exceptions.NoSuchEntityException:
        console = False
    keys = iam.list_access_keys(UserName=name)["AccessKeyMetadata"]
    return console, any(k["Status"] == "Active" for k in keys)


def matrix(endpoint):
    iam = boto3.client("iam", endpoint_url=endpoint, region_name="us-east-1",
                       aws_access_key_id="test", aws_secret_access_key="test")
    account = boto3.client("sts", endpoint_url=endpoint, region_name="us-east-1",
                           aws_access_key_id="test", aws_secret_access_key="test"
                           ).get_caller_identity()["Account"]
    rows = []
    for person in PEOPLE:
        try:
            user = iam.get_user(UserName=person)["User"]
        except iam.exceptions.NoSuchEntityException:
            rows.append({"person": person, "user": None})
            continue
        console, programmatic = access(iam, person)
        cells = []
        for column, action, resource in ACCOUNT_TASKS:
            resource = resource.replace("123456789012", account)
            result = iam.simulate_principal_policy(
                PolicySourceArn=user["Arn"], ActionNames=[action],
                ResourceArns=[resource])["EvaluationResults"][0]
            cells.append({"task": column, "action": action, "resource": resource,
                          "decision": result["EvalDecision"], "reason": reason(result)})
        rows.append({"person": person, "user": user["Arn"], "console": console,
                     "programmatic": programmatic, "cells": cells})
    return rows


def render(rows):
    columns = [c for c, _, _ in ACCOUNT_TASKS]
    out = ["%-7s %-8s %-12s " % ("", "console", "programmatic") +
           " ".join("%-8s" % c for c in columns)]
    for row in rows:
        if row["user"] is None:
            out.append("%-7s (no IAM user: cannot sign in or call AWS)" % row["person"])
            continue
        marks = ["%-8s" % ("ALLOW" if c["decision"] == "allowed" else "deny")
                 for c in row["cells"]]
        out.append("%-7s %-8s %-12s " % (row["person"], "yes" if row["console"] else "no",
                                        "yes" if row["programmatic"] else "no") + " ".join(marks))
    out.append("")
    out.append("Why:")
    for row in rows:
        for c in row.get("cells", []):
            out.append("  %-6s %-8s %-34s %s" % (row["person"], c["task"], c["action"], c["reason"]))
    out.append("")
    out.append("Tasks: " + "; ".join("%s = %s on %s" % t for t in ACCOUNT_TASKS))
    return "\n".join(out)


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    rows = matrix(argv[1])
    print(json.dumps(rows, indent=2) if "--json" in argv[2:] else render(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
