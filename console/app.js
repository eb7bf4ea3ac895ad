// The iamlite web console: a read-only view of the emulator's IAM state, its graph, an access
// matrix and the policy simulator. Plain ES modules; the data comes from the JSON API under
// /iamlite/console/api/ (server/console.h). Routing by the URL's hash: #/users/mary etc.

import { renderPolicy, statementRange } from "./json_view.js";
import { renderGraph } from "./graph.js";

const API = "/iamlite/console/api/";
const state = { session: null, account: null, view: null };
const main = () => document.getElementById("main");

// ---- small helpers ----

function h(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else if (v !== undefined && v !== null && v !== false) e.setAttribute(k, v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

const link = (href, text) => h("a", { href }, text);
const enc = encodeURIComponent;
const policyName = (arn) => arn.slice(arn.lastIndexOf("/") + 1);

async function api(name, body, query = "") {
  const init = body === undefined ? {} : {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  };
  const resp = await fetch(API + name + query, { credentials: "same-origin", ...init });
  const data = await resp.json();
  if (!resp.ok) throw Object.assign(new Error(data.message || resp.statusText), { data, resp });
  return data;
}

function table(headers, rows) {
  if (!rows.length) return h("p", { class: "empty" }, "None.");
  return h("table", {},
    h("thead", {}, h("tr", {}, headers.map((x) => h("th", {}, x)))),
    h("tbody", {}, rows.map((r) => h("tr", {}, r.map((c) => h("td", {}, c))))));
}

function policyBlock(text, ranges = [], attrs = {}) {
  const pre = h("pre", { class: "policy", ...attrs });
  pre.innerHTML = renderPolicy(text, ranges);
  return pre;
}

function hiddenNote(kind) {
  const n = state.view?.hidden?.[kind] || 0;
  return n ? h("p", { class: "hidden-note" },
    `${n} ${kind} hidden: the signed-in user may not read them.`) : null;
}

function section(title, ...children) {
  return h("section", {}, h("h2", {}, title), ...children);
}

const byName = (list, name) => list.find((x) => x.name === name);

// ---- session and header ----

async function loadSession() {
  state.session = await api("session");
  const box = document.getElementById("session");
  const s = state.session;
  if (s.signed_in) {
    box.replaceChildren(
      h("span", { id: "signed-in" }, `Signed in as ${s.signed_in.user} (${s.signed_in.account})`),
      h("button", { id: "sign-out", onclick: signOut }, "Sign out"));
  } else {
    box.replaceChildren(
      s.auth_required ? h("span", {}, "Sign-in required") : h("span", {}, "Read-only, everything visible"),
      link("#/signin", s.auth_required ? "Sign in" : "View as a user…"));
  }
}

async function signOut() {
  await api("logout", {});
  state.view = null;
  await loadSession();
  location.hash = "#/accounts";
  route();
}

async function loadView(force = false) {
  if (state.view && !force && state.view.account === state.account) return state.view;
  const q = state.account ? `?account=${enc(state.account)}` : "";
  state.view = await api("account", undefined, q);
  state.account = state.view.account;
  document.getElementById("account").textContent = state.account;
  return state.view;
}

// ---- pages ----

const pages = {
  async signin() {
    const err = h("p", { class: "error", id: "signin-error" });
    const form = h("form", { id: "signin-form", class: "form" },
      h("label", {}, "Account ID", h("input", { name: "account", value: state.session.default_account })),
      h("label", {}, "IAM user name", h("input", { name: "user", autocomplete: "username" })),
      h("label", {}, "Password", h("input", { name: "password", type: "password", autocomplete: "current-password" })),
      h("button", { type: "submit" }, "Sign in"), err);
    form.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      const f = new FormData(form);
      try {
        await api("login", { account: f.get("account"), user: f.get("user"), password: f.get("password") });
        state.view = null;
        state.account = f.get("account");
        await loadSession();
        location.hash = "#/users";
      } catch (e) {
        err.textContent = e.message;
      }
    });
    return section("Sign in", h("p", {}, "Sign in as an IAM user with a console password (login profile). " +
      "You will see only what that user's policies let it read."), form);
  },

  async accounts() {
    const { accounts } = await api("accounts");
    return section("Accounts", table(["Account", "Users", "Groups", "Roles", "Customer policies"],
      accounts.map((a) => [
        h("a", { href: "#/users", onclick: () => { state.account = a.id; state.view = null; } }, a.id),
        a.users, a.groups, a.roles, a.policies])));
  },

  async users([name]) {
    const v = await loadView();
    if (name) return userPage(v, decodeURIComponent(name));
    return section("Users", hiddenNote("users"), table(
      ["User", "Path", "Groups", "Access keys", "Console password", "Created"],
      v.users.map((u) => [link(`#/users/${enc(u.name)}`, u.name), u.path, u.groups.join(", "),
        u.access_keys ? u.access_keys.length : "—",
        u.login_profile === undefined ? "—" : u.login_profile ? "yes" : "no", u.created])));
  },

  async groups([name]) {
    const v = await loadView();
    if (name) return groupPage(v, decodeURIComponent(name));
    return section("Groups", hiddenNote("groups"), table(["Group", "Path", "Members", "Policies"],
      v.groups.map((g) => [link(`#/groups/${enc(g.name)}`, g.name), g.path, g.members.join(", "),
        g.attached_policies.length + g.inline_policies.length])));
  },

  async roles([name]) {
    const v = await loadView();
    if (name) return rolePage(v, decodeURIComponent(name));
    return section("Roles", hiddenNote("roles"), table(["Role", "Path", "Description", "Policies"],
      v.roles.map((r) => [link(`#/roles/${enc(r.name)}`, r.name), r.path, r.description,
        r.attached_policies.length + r.inline_policies.length])));
  },

  async policies([arn]) {
    const v = await loadView();
    if (arn) return policyPage(v, decodeURIComponent(arn));
    return section("Managed policies", hiddenNote("policies"), table(
      ["Policy", "Type", "Default version", "Attached to", "Description"],
      v.policies.map((p) => [link(`#/policies/${enc(p.arn)}`, p.name),
        p.kind === "aws" ? "AWS managed" : "Customer managed", p.default_version,
        p.attached_to.map((a) => `${a.type} ${a.name}`).join(", "), p.description])));
  },

  async credentials() {
    const v = await loadView();
    const keys = [], profiles = [];
    for (const u of v.users) {
      for (const k of u.access_keys || [])
        keys.push([link(`#/users/${enc(u.name)}`, u.name), k.id, k.status, k.created,
          k.last_used ? `${k.last_used.date} ${k.last_used.service}` : "never"]);
      if (u.login_profile)
        profiles.push([link(`#/users/${enc(u.name)}`, u.name), u.login_profile.created,
          u.login_profile.password_reset_required ? "yes" : "no", u.password_last_used || "never"]);
    }
    return h("div", {},
      section("Access keys (secrets are never shown)",
        table(["User", "Access key ID", "Status", "Created", "Last used"], keys)),
      section("Login profiles (console passwords)",
        table(["User", "Created", "Reset required", "Password last used"], profiles)));
  },

  async graph() {
    const v = await loadView();
    const box = h("div", { id: "graph-box" });
    const out = section("Graph",
      h("p", {}, "Users and roles → groups → policies. Click a node to light up what it reaches " +
        "and who reaches it; double-click the background to clear."),
      h("p", { class: "legend" },
        ...["user", "role", "group", "policy", "aws", "inline"].map((k) => h("span", { class: "key " + k }, k === "aws" ? "AWS managed policy" : k)),
        h("span", { class: "key boundary" }, "- - boundary")),
      box);
    requestAnimationFrame(() => renderGraph(box, v));
    return out;
  },

  async matrix() {
    const v = await loadView();
    const defaults = {
      actions: ["elasticbeanstalk:CreateApplication", "ec2:RunInstances", "s3:GetObject",
        "s3:PutObject", "sqs:SendMessage", "cognito-idp:ListUserPools", "iam:CreateUser"],
      resources: ["*", "arn:aws:s3:::example-billing-bucket/report.csv"],
    };
    const form = h("form", { id: "matrix-form", class: "form" },
      h("label", {}, "Actions (one a line)",
        h("textarea", { name: "actions", rows: 7 }, defaults.actions.join("\n"))),
      h("label", {}, "Resources (one a line)",
        h("textarea", { name: "resources", rows: 3 }, defaults.resources.join("\n"))),
      h("button", { type: "submit" }, "Compute"));
    const out = h("div", { id: "matrix-out" });
    const detail = h("div", { id: "matrix-detail" });
    const lines = (s) => s.split("\n").map((x) => x.trim()).filter(Boolean);
    const run = async () => {
      const f = new FormData(form);
      try {
        const m = await api("matrix", { account: v.account, actions: lines(f.get("actions")),
          resources: lines(f.get("resources")) });
        out.replaceChildren(matrixTable(m, detail));
      } catch (e) {
        out.replaceChildren(h("p", { class: "error" }, e.message));
      }
    };
    form.addEventListener("submit", (ev) => { ev.preventDefault(); run(); });
    run();
    return section("Access matrix",
      h("p", {}, "Each principal's identity-based policies (and boundary) evaluated for each " +
        "action on each resource. Click a cell for the explanation."), form, out, detail);
  },

  async simulator([principal]) {
    const v = await loadView();
    const principals = [...v.users.map((u) => u.arn), ...v.roles.map((r) => r.arn),
      ...v.groups.map((g) => g.arn)];
    const chosen = principal ? decodeURIComponent(principal) : principals[0];
    const form = h("form", { id: "sim-form", class: "form" },
      h("label", {}, "Principal", h("select", { name: "principal" },
        principals.map((p) => h("option", { value: p, selected: p === chosen }, p)))),
      h("label", {}, "Actions (one a line)", h("textarea", { name: "actions", rows: 2 }, "s3:GetObject")),
      h("label", {}, "Resources (one a line; empty: *)",
        h("textarea", { name: "resources", rows: 2 }, "arn:aws:s3:::example-billing-bucket/report.csv")),
      h("label", {}, "Context keys (one a line: key=type:value, e.g. aws:SourceIp=ip:10.0.0.1)",
        h("textarea", { name: "context", rows: 2 })),
      h("button", { type: "submit", id: "sim-run" }, "Simulate"));
    const out = h("div", { id: "sim-out" });
    form.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      const f = new FormData(form);
      const lines = (s) => s.split("\n").map((x) => x.trim()).filter(Boolean);
      out.replaceChildren(await simulation({ account: v.account, principal: f.get("principal"),
        actions: lines(f.get("actions")), resources: lines(f.get("resources")),
        context: lines(f.get("context")) }));
    });
    return section("Policy simulator", form, out);
  },
};

// ---- detail pages ----

function policiesOf(entity, kind) {
  const attached = entity.attached_policies.map((arn) => [
    link(`#/policies/${enc(arn)}`, policyName(arn)), arn.includes(":aws:policy/") ? "AWS managed" : "Customer managed"]);
  const inline = entity.inline_policies.map((p) => [
    h("details", {}, h("summary", {}, p.name),
      p.document === undefined ? h("p", { class: "hidden-note" }, "hidden") : policyBlock(p.document)),
    `inline (${kind})`]);
  return table(["Policy", "Type"], [...attached, ...inline]);
}

function userPage(v, name) {
  const u = byName(v.users, name);
  if (!u) return h("p", { class: "error" }, `No user ${name} here (or not visible).`);
  const keys = u.access_keys === undefined ? h("p", { class: "hidden-note" }, "hidden")
    : table(["Access key ID", "Status", "Created"], u.access_keys.map((k) => [k.id, k.status, k.created]));
  const profile = u.login_profile === undefined ? "hidden" : u.login_profile
    ? `yes, created ${u.login_profile.created}${u.login_profile.password_reset_required ? ", reset required" : ""}` : "no";
  return h("div", { id: "user-page" },
    section(`User ${u.name}`,
      h("dl", {}, h("dt", {}, "ARN"), h("dd", {}, u.arn), h("dt", {}, "User ID"), h("dd", {}, u.id),
        h("dt", {}, "Created"), h("dd", {}, u.created), h("dt", {}, "Console password"), h("dd", {}, profile),
        h("dt", {}, "Tags"), h("dd", {}, Object.entries(u.tags).map(([k, x]) => `${k}=${x}`).join(", ") || "none"),
        h("dt", {}, "Permissions boundary"), h("dd", {}, u.permissions_boundary ? link(`#/policies/${enc(u.permissions_boundary)}`, policyName(u.permissions_boundary)) : "none")),
      h("p", {}, link(`#/simulator/${enc(u.arn)}`, "Simulate this user's access →"))),
    section("Groups", table(["Group"], u.groups.map((g) => [link(`#/groups/${enc(g)}`, g)]))),
    section("Policies attached directly", policiesOf(u, "user")),
    section("Policies through groups", table(["Policy", "Through"],
      u.groups.flatMap((gn) => {
        const g = byName(v.groups, gn);
        return g ? g.attached_policies.map((arn) => [link(`#/policies/${enc(arn)}`, policyName(arn)), `group ${gn}`]) : [];
      }))),
    section("Access keys", keys));
}

function groupPage(v, name) {
  const g = byName(v.groups, name);
  if (!g) return h("p", { class: "error" }, `No group ${name} here (or not visible).`);
  return h("div", {},
    section(`Group ${g.name}`, h("dl", {}, h("dt", {}, "ARN"), h("dd", {}, g.arn),
      h("dt", {}, "Created"), h("dd", {}, g.created))),
    section("Members", table(["User"], g.members.map((m) => [link(`#/users/${enc(m)}`, m)]))),
    section("Policies", policiesOf(g, "group")));
}

function rolePage(v, name) {
  const r = byName(v.roles, name);
  if (!r) return h("p", { class: "error" }, `No role ${name} here (or not visible).`);
  return h("div", {},
    section(`Role ${r.name}`, h("dl", {}, h("dt", {}, "ARN"), h("dd", {}, r.arn),
      h("dt", {}, "Description"), h("dd", {}, r.description || "—"),
      h("dt", {}, "Max session"), h("dd", {}, `${r.max_session_duration} s`),
      h("dt", {}, "Instance profiles"), h("dd", {}, r.instance_profiles.join(", ") || "none")),
      h("p", {}, link(`#/simulator/${enc(r.arn)}`, "Simulate this role's access →"))),
    section("Trust policy", policyBlock(r.trust_policy)),
    section("Permissions policies", policiesOf(r, "role")));
}

function policyPage(v, arn) {
  const p = v.policies.find((x) => x.arn === arn);
  if (!p) return h("p", { class: "error" }, `No policy ${arn} here (or not visible).`);
  const def = p.versions.find((x) => x.default);
  return h("div", { id: "policy-page" },
    section(`Policy ${p.name}`, h("dl", {}, h("dt", {}, "ARN"), h("dd", {}, p.arn),
      h("dt", {}, "Type"), h("dd", {}, p.kind === "aws" ? "AWS managed" : "Customer managed"),
      h("dt", {}, "Description"), h("dd", {}, p.description || "—"),
      h("dt", {}, "Updated"), h("dd", {}, p.updated))),
    section(`Document (${p.default_version}, default)`,
      def && def.document !== undefined ? policyBlock(def.document) : h("p", { class: "hidden-note" }, "hidden")),
    section("Versions", table(["Version", "Default", "Created", "Document"], p.versions.map((x) => [
      x.id, x.default ? "yes" : "", x.created,
      x.document === undefined ? "—" : h("details", {}, h("summary", {}, "show"), policyBlock(x.document))]))),
    section("Attached to", table(["Type", "Name"], p.attached_to.map((a) => [a.type,
      link(`#/${a.type}s/${enc(a.name)}`, a.name)]))),
    p.boundary_of.length ? section("Permissions boundary of", table(["Type", "Name"],
      p.boundary_of.map((a) => [a.type, link(`#/${a.type}s/${enc(a.name)}`, a.name)]))) : null);
}

// ---- matrix and simulation ----

const decisionClass = (d) => (d === "allowed" ? "allowed" : d === "explicitDeny" ? "denied explicit" : "denied");
const decisionText = (d) => (d === "allowed" ? "allowed" : d === "explicitDeny" ? "denied (explicit)" : "denied");

function matrixTable(m, detail) {
  const cols = [];
  for (const a of m.actions) for (const r of m.resources) cols.push([a, r]);
  const head = h("tr", {}, h("th", {}, "Principal"),
    cols.map(([a, r]) => h("th", { title: `${a} on ${r}` }, h("div", {}, a), h("div", { class: "res" }, r === "*" ? "*" : policyName(r) || r))));
  const rows = m.rows.map((row) => h("tr", {}, h("th", {}, `${row.type} ${row.name}`),
    row.cells.map((c) => h("td", {
      class: "cell " + decisionClass(c.decision),
      "data-principal": row.name, "data-action": c.action, "data-resource": c.resource,
      title: decisionText(c.decision),
      onclick: async () => {
        detail.replaceChildren(h("p", {}, "…"));
        detail.replaceChildren(await simulation({ account: state.account, principal: row.principal,
          actions: [c.action], resources: [c.resource] }));
        detail.scrollIntoView({ block: "nearest" });
      },
    }, c.decision === "allowed" ? "✔" : "✘"))));
  return h("table", { class: "matrix", id: "matrix" }, h("thead", {}, head), h("tbody", {}, rows));
}

async function simulation(request) {
  let sim;
  try {
    sim = await api("simulate", request);
  } catch (e) {
    return h("p", { class: "error", id: "sim-error" }, e.message);
  }
  const texts = new Map(sim.policies.map((p) => [p.id, p]));
  const out = h("div", { class: "simulation" });
  for (const r of sim.results) {
    const byPolicy = new Map();
    for (const m of r.matched) {
      if (!byPolicy.has(m.source_policy_id)) byPolicy.set(m.source_policy_id, []);
      byPolicy.get(m.source_policy_id).push(m);
    }
    const policies = sim.policies.map((p) => {
      const matched = byPolicy.get(p.id) || [];
      const ranges = matched.map((m) => statementRange(p.text, m.start, m.end));
      return h("details", { open: matched.length > 0 || undefined, class: matched.length ? "matched" : "" },
        h("summary", {}, p.label, matched.length ? h("span", { class: "badge " + decisionClass(r.decision) }, "matched") : null),
        policyBlock(p.text, ranges, { "data-policy": p.id }));
    });
    out.append(h("div", { class: "result" },
      h("h3", {}, h("span", { class: "decision " + decisionClass(r.decision) }, decisionText(r.decision)),
        ` ${r.action} on ${r.resource}`),
      h("p", { class: "explanation" }, r.explanation),
      r.missing_context.length ? h("p", {}, "Missing context keys: " + r.missing_context.join(", ")) : null,
      r.matched.length ? h("p", {}, "Matched statements: " + r.matched.map((m) =>
        `${texts.get(m.source_policy_id)?.label || m.source_policy_id} (line ${m.start.line}, column ${m.start.column} to line ${m.end.line}, column ${m.end.column})`).join("; ")) : null,
      h("h4", {}, `Policies of ${policyName(sim.principal)}`),
      policies.length ? policies : h("p", { class: "empty" }, "No identity-based policies.")));
  }
  return out;
}

// ---- routing ----

async function route() {
  const [name, ...args] = (location.hash.replace(/^#\/?/, "") || "accounts").split("/");
  document.querySelectorAll("nav a").forEach((a) =>
    a.classList.toggle("active", a.getAttribute("href") === `#/${name}`));
  const page = pages[name] || pages.accounts;
  const target = main();
  target.setAttribute("aria-busy", "true");
  try {
    if (!state.session) await loadSession();
    if (state.session.auth_required && !state.session.signed_in && name !== "signin") {
      target.replaceChildren(await pages.signin());
    } else {
      target.replaceChildren(await page(args));
    }
  } catch (e) {
    target.replaceChildren(h("p", { class: "error" }, e.message));
  }
  target.setAttribute("aria-busy", "false");
  target.dataset.page = name;
}

window.addEventListener("hashchange", route);
document.getElementById("reload").addEventListener("click", async () => {
  await loadView(true);
  route();
});
route();
