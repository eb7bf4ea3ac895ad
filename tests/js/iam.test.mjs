// iamlite through the AWS SDK for JavaScript v3 (@aws-sdk/client-iam, client-sts).
// IAMLITE_ENDPOINT names a running, empty iamlite (tests/e2e/test_js_sdk.py starts one).
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  IAMClient, CreateUserCommand, GetUserCommand, DeleteUserCommand, TagUserCommand,
  ListUserTagsCommand, CreatePolicyCommand, AttachUserPolicyCommand,
  ListAttachedUserPoliciesCommand, CreateAccessKeyCommand, paginateListUsers,
  waitUntilUserExists, NoSuchEntityException, EntityAlreadyExistsException,
} from "@aws-sdk/client-iam";
import { STSClient, GetCallerIdentityCommand } from "@aws-sdk/client-sts";

const endpoint = process.env.IAMLITE_ENDPOINT;
assert.ok(endpoint, "IAMLITE_ENDPOINT must name a running iamlite");
const config = {
  endpoint, region: "us-east-1", maxAttempts: 1,
  credentials: { accessKeyId: "test", secretAccessKey: "test" },
};
const iam = new IAMClient(config);
const sts = new STSClient(config);

test("create, read, tag and delete a user", async () => {
  const created = await iam.send(new CreateUserCommand({ UserName: "js-ana", Path: "/js/" }));
  assert.equal(created.User.Arn, "arn:aws:iam::123456789012:user/js/js-ana");
  assert.match(created.User.UserId, /^AIDA[A-Z0-9]{17}$/);
  assert.ok(created.User.CreateDate instanceof Date);
  assert.ok(Math.abs(created.User.CreateDate.getTime() - Date.now()) < 60_000);

  await waitUntilUserExists({ client: iam, maxWaitTime: 5 }, { UserName: "js-ana" });
  await iam.send(new TagUserCommand({ UserName: "js-ana", Tags: [{ Key: "team", Value: "web" }] }));
  const tags = await iam.send(new ListUserTagsCommand({ UserName: "js-ana" }));
  assert.deepEqual(tags.Tags, [{ Key: "team", Value: "web" }]);

  await iam.send(new DeleteUserCommand({ UserName: "js-ana" }));
  await assert.rejects(iam.send(new GetUserCommand({ UserName: "js-ana" })), (e) => {
    assert.ok(e instanceof NoSuchEntityException);
    assert.equal(e.$metadata.httpStatusCode, 404);
    assert.equal(e.message, "The user with name js-ana cannot be found.");
    return true;
  });
});

test("errors are the SDK's typed exceptions", async () => {
  await iam.send(new CreateUserCommand({ UserName: "js-dup" }));
  await assert.rejects(iam.send(new CreateUserCommand({ UserName: "JS-DUP" })), (e) => {
    assert.ok(e instanceof EntityAlreadyExistsException);
    assert.equal(e.$metadata.httpStatusCode, 409);
    assert.equal(e.message, "User with name JS-DUP already exists.");
    return true;
  });
});

test("the paginator walks every page", async () => {
  for (let i = 0; i < 7; i++) {
    await iam.send(new CreateUserCommand({ UserName: `js-page-${i}`, Path: "/paged/" }));
  }
  const names = [];
  let pages = 0;
  for await (const page of paginateListUsers({ client: iam, pageSize: 3 }, { PathPrefix: "/paged/" })) {
    pages++;
    names.push(...page.Users.map((u) => u.UserName));
  }
  assert.equal(pages, 3);
  assert.deepEqual(names, [0, 1, 2, 3, 4, 5, 6].map((i) => `js-page-${i}`));
});

test("policies, attachments and keys", async () => {
  await iam.send(new CreateUserCommand({ UserName: "js-keys" }));
  const policy = await iam.send(new CreatePolicyCommand({
    PolicyName: "JsReadOnly",
    PolicyDocument: JSON.stringify({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }],
    }),
  }));
  assert.equal(policy.Policy.Arn, "arn:aws:iam::123456789012:policy/JsReadOnly");
  await iam.send(new AttachUserPolicyCommand({ UserName: "js-keys", PolicyArn: policy.Policy.Arn }));
  const attached = await iam.send(new ListAttachedUserPoliciesCommand({ UserName: "js-keys" }));
  assert.deepEqual(attached.AttachedPolicies, [{ PolicyName: "JsReadOnly", PolicyArn: policy.Policy.Arn }]);

  const key = await iam.send(new CreateAccessKeyCommand({ UserName: "js-keys" }));
  assert.match(key.AccessKey.AccessKeyId, /^AKIA[A-Z0-9]{16}$/);
  assert.equal(key.AccessKey.Status, "Active");

  // The new key signs as the user.
  const asUser = new STSClient({ ...config, credentials: {
    accessKeyId: key.AccessKey.AccessKeyId, secretAccessKey: key.AccessKey.SecretAccessKey } });
  const me = await asUser.send(new GetCallerIdentityCommand({}));
  assert.equal(me.Arn, "arn:aws:iam::123456789012:user/js-keys");
});

test("GetCallerIdentity as the root", async () => {
  const me = await sts.send(new GetCallerIdentityCommand({}));
  assert.equal(me.Account, "123456789012");
  assert.equal(me.Arn, "arn:aws:iam::123456789012:root");
});
