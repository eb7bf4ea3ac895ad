// The cases of tests/bench/evaluator_bench.cc run through @cloud-copilot/iam-simulate, for a
// ratio against iamlite's evaluator. Same policies (PolicyText below is a port of the C++
// one), same requests, same expected decisions; every case is checked before it is timed and
// the script exits non-zero on a disagreement.
//
// Three ways of calling iam-simulate are timed, from the slowest to the fastest:
//   runSimulation        the documented API: validates the input, parses every policy per call
//   runUnsafeSimulation  public, no validation, still parses every policy per call
//   authorize            its core engine with the policies loaded once (what iamlite does: it
//                        compiles policies when written); imported by file path, since the
//                        package does not export it
// The ratio in scripts/bench uses the fastest (authorize), the comparison most favourable to
// iam-simulate.
//
// Usage: node evaluator_bench.mjs [--seconds S] [--json]
import { runSimulation, runUnsafeSimulation } from '@cloud-copilot/iam-simulate';
import { loadPolicy } from '@cloud-copilot/iam-policy';
import { authorize } from './node_modules/@cloud-copilot/iam-simulate/dist/esm/core_engine/CoreSimulatorEngine.js';
import { DiscoveryContextKeyConstraints } from './node_modules/@cloud-copilot/iam-simulate/dist/esm/context_keys/discoveryContextKeyConstraints.js';
import { AwsRequestImpl } from './node_modules/@cloud-copilot/iam-simulate/dist/esm/request/request.js';
import { RequestContextImpl } from './node_modules/@cloud-copilot/iam-simulate/dist/esm/requestContext.js';

const args = process.argv.slice(2);
const seconds = Number(args.includes('--seconds') ? args[args.indexOf('--seconds') + 1] : 1);
const asJson = args.includes('--json');

// Port of PolicyText(n, service) in evaluator_bench.cc.
function policyText(n, service) {
  const i = String(n);
  const region = service === 'iam' ? '' : '*';
  const kind = service === 'iam' ? 'user/' : '';
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: `Read${i}`, Effect: 'Allow', Action: [`${service}:Get*`, `${service}:List*`],
        Resource: [`arn:aws:s3:::team-${i}/*`, `arn:aws:${service}:${region}:111122223333:${kind}thing-${i}/*`],
        Condition: { StringEquals: { 'aws:PrincipalTag/team': [`team-${i}`, 'ops'] },
                     Bool: { 'aws:SecureTransport': 'true' } },
      },
      {
        Sid: `Home${i}`, Effect: 'Allow', Action: `${service}:*`,
        Resource: `arn:aws:s3:::home-${i}/\${aws:username}/*`,
        Condition: { IpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '2001:db8::/32'] } },
      },
      {
        Sid: `Write${i}`, Effect: 'Allow', Action: [`${service}:Put*`, `${service}:Delete*`],
        Resource: `arn:aws:s3:::team-${i}/shared/*`,
        Condition: { DateLessThan: { 'aws:CurrentTime': '2030-01-01T00:00:00Z' },
                     StringLike: { 's3:prefix': ['shared/*', 'public/*'] } },
      },
      {
        Sid: `Tagged${i}`, Effect: 'Allow', Action: `${service}:Describe*`, Resource: '*',
        Condition: { StringEqualsIgnoreCase: { 'aws:ResourceTag/project': `apollo-${i}` },
                     'ForAllValues:StringEquals': { 'aws:TagKeys': ['project', 'owner'] } },
      },
      {
        Sid: `NoLogs${i}`, Effect: 'Deny', Action: `${service}:*`, Resource: 'arn:aws:s3:::*log*',
        Condition: { StringNotEquals: { 'aws:PrincipalTag/role': 'auditor' } },
      },
    ],
  };
}

const services = ['ec2', 's3', 'dynamodb', 'iam', 'sqs', 's3', 'sns', 'kms', 's3', 's3'];
const identityPolicies = services.map((s, i) => ({ name: `policy-${i}`, policy: policyText(i, s) }));
const boundary = {
  name: 'boundary',
  policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:*', 'dynamodb:*'], Resource: '*',
    Condition: { StringEquals: { 'aws:PrincipalTag/team': ['team-9', 'ops'] } } }] },
};
const scp = {
  orgIdentifier: 'root',
  policies: [{ name: 'p-FullAWSAccess', policy: { Version: '2012-10-17', Statement: [
    { Effect: 'Allow', Action: '*', Resource: '*' },
    { Effect: 'Deny', NotAction: ['iam:*', 's3:*'], Resource: '*',
      Condition: { StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1'] } } }] } }],
};

const context = {
  'aws:username': 'alice',
  'aws:PrincipalTag/team': 'team-9',
  'aws:SecureTransport': 'true',
  'aws:SourceIp': '203.0.113.7',
  'aws:CurrentTime': '2025-06-01T12:00:00Z',
  'aws:TagKeys': ['project'],
  's3:prefix': 'shared/',
};

// name (as in evaluator_bench.cc), action, resource, expected decision, with boundary + SCP.
const cases = [
  ['BM_Allowed', 's3:GetObject', 'arn:aws:s3:::team-9/report.csv', 'Allowed', false],
  ['BM_AllowedByVariableResource', 's3:PutObject', 'arn:aws:s3:::home-8/alice/notes.txt', 'Allowed', false],
  ['BM_ImplicitDeny', 's3:PutBucketPolicy', 'arn:aws:s3:::team-3', 'ImplicitlyDenied', false],
  ['BM_ExplicitDeny', 's3:GetObject', 'arn:aws:s3:::team-logs/x', 'ExplicitlyDenied', false],
  ['BM_AllowedWithBoundaryAndScp', 's3:GetObject', 'arn:aws:s3:::team-9/report.csv', 'Allowed', true],
];

function simulation(action, resource, guarded) {
  return {
    request: {
      principal: 'arn:aws:iam::111122223333:user/alice', action,
      resource: { resource, accountId: '111122223333' }, contextVariables: context,
    },
    identityPolicies,
    serviceControlPolicies: guarded ? [scp] : [],
    resourceControlPolicies: [],
    permissionBoundaryPolicies: guarded ? [boundary] : undefined,
  };
}

// The core engine with everything loaded once; only the request objects are built per call.
function preloaded(sim) {
  const load = (p) => loadPolicy(p.policy, { name: p.name });
  const identity = sim.identityPolicies.map(load);
  const scps = sim.serviceControlPolicies.map((l) => ({ orgIdentifier: l.orgIdentifier, policies: l.policies.map(load) }));
  const boundaries = sim.permissionBoundaryPolicies?.map(load);
  const params = { simulationMode: 'Strict', discoveryContextKeyConstraints: new DiscoveryContextKeyConstraints([]) };
  return () => {
    const request = new AwsRequestImpl(sim.request.principal, sim.request.resource, sim.request.action,
                                       new RequestContextImpl(sim.request.contextVariables));
    return authorize({
      request, sessionPolicy: undefined, identityPolicies: identity, serviceControlPolicies: scps,
      resourceControlPolicies: [], resourcePolicy: undefined, permissionBoundaries: boundaries,
      vpcEndpointPolicies: undefined, simulationParameters: params, serviceSettings: { s3: {} },
    }).result;
  };
}

async function rate(fn) {
  // Warm up (JIT), then count calls for `seconds`.
  for (let i = 0; i < 200; ++i) await fn();
  let n = 0;
  const start = process.hrtime.bigint();
  const end = start + BigInt(Math.round(seconds * 1e9));
  let now = start;
  while (now < end) {
    for (let i = 0; i < 50; ++i) await fn();
    n += 50;
    now = process.hrtime.bigint();
  }
  return n / (Number(now - start) / 1e9);
}

const results = [];
let failed = false;
for (const [name, action, resource, want, guarded] of cases) {
  const sim = simulation(action, resource, guarded);
  const checked = await runSimulation(sim, {});
  const safe = checked.resultType === 'error' ? `error: ${JSON.stringify(checked.errors)}` : checked.overallResult;
  const unsafe = runUnsafeSimulation(sim, {});
  const core = preloaded(sim);
  const fast = core();
  if (safe !== want || unsafe !== want || fast !== want) {
    console.error(`${name}: expected ${want}, runSimulation=${safe} runUnsafeSimulation=${unsafe} authorize=${fast}`);
    failed = true;
    continue;
  }
  const r = {
    name, decision: want,
    runSimulation: await rate(async () => runSimulation(sim, {})),
    runUnsafeSimulation: await rate(() => runUnsafeSimulation(sim, {})),
    authorize: await rate(core),
  };
  results.push(r);
  if (!asJson)
    console.log(`${name.padEnd(30)} ${want.padEnd(17)} runSimulation ${r.runSimulation.toFixed(0).padStart(7)}/s  ` +
                `runUnsafeSimulation ${r.runUnsafeSimulation.toFixed(0).padStart(7)}/s  authorize ${r.authorize.toFixed(0).padStart(7)}/s`);
}
if (asJson) console.log(JSON.stringify(results));
process.exit(failed ? 1 : 0);
