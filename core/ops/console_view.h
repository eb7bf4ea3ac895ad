// What the web console (console/, served by server/console.cc) reads: an account's users,
// groups, roles, managed policies, access keys and login profiles as JSON, the access matrix
// and simulations with the text of every policy involved, so that the page can highlight the
// matched statements by their StartPosition/EndPosition.
//
// A ConsoleViewer stands for who looks. Without a signed-in user everything is shown (the
// console is read-only and local by default); with one, each item is shown only when that
// user's identity-based policies allow the IAM action that reads it in AWS (iam:GetUser for a
// user, iam:ListAccessKeys for its keys, iam:GetPolicyVersion for a document, ...), as the AWS
// console only shows what the signed-in user may read.
//
// The functions taking an AccountState are pure: call them inside Store::Read. Those taking an
// OpContext read the store themselves (they must not be called inside Store::Read).
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/account_state.h"
#include "core/error.h"
#include "core/ops/context.h"
#include "core/ops/effective_policies.h"
#include "core/ops/simulator.h"
#include "core/policy/evaluator.h"

namespace iamlite::ops {

class ConsoleViewer {
 public:
  // Sees everything.
  ConsoleViewer() = default;
  // Sees what the user `user_arn` of `s` may read. A user that no longer exists sees nothing.
  ConsoleViewer(const AccountState& s, const std::string& account, const std::string& user_arn);

  bool everything() const { return !signed_in_; }
  const std::string& arn() const { return arn_; }
  // May the viewer perform `action` on `resource`?
  bool May(const std::string& action, const std::string& resource) const;

 private:
  bool signed_in_ = false;
  bool exists_ = false;
  std::string arn_;
  std::optional<EffectivePolicies> policies_;
  policy::EvaluationInput input_;
};

// {"accounts": [{"id", "users", "groups", "roles", "policies"}]} for the given accounts.
nlohmann::json ConsoleAccountSummary(const AccountState& s, const ConsoleViewer& viewer);

// The account as the console shows it: {"account", "users", "groups", "roles", "policies",
// "instance_profiles", "hidden"}. Documents are the stored text (the page pretty-prints them).
// Policies list the customer managed ones and every AWS managed policy attached or used as a
// boundary, each with its versions and where it is attached. Access keys carry no secret and
// login profiles no hash. "hidden" counts what the viewer may not see.
nlohmann::json ConsoleAccountView(const AccountState& s, const std::string& account,
                                  const ConsoleViewer& viewer);

// The text of each identity-based policy and the boundary of the principal `arn` (a user,
// group or role), keyed by the simulator's SourcePolicyId: [{"id", "label", "text"}].
Result<nlohmann::json> ConsolePolicyTexts(const AccountState& s, const std::string& account,
                                          const std::string& arn);

// A simulation result as the console shows it: decision, matched statements (with positions),
// missing context keys and the explanation.
nlohmann::json ConsoleEvaluationJson(const SimEvaluation& e);

// One simulation for the console: every action × resource for the principal `arn`, with the
// principal's policy texts. Errors: those of EffectivePoliciesOf and the simulator;
// AccessDenied when the viewer may not iam:SimulatePrincipalPolicy on `arn`.
struct ConsoleSimulation {
  std::string principal;  // user, group or role ARN
  std::vector<std::string> actions;
  std::vector<std::string> resources;  // empty: "*"
  std::vector<SimContextEntry> context;
};
Result<nlohmann::json> ConsoleSimulate(OpContext& ctx, const ConsoleViewer& viewer,
                                       const ConsoleSimulation& in);

// The access matrix: for each principal (every user and role the viewer may simulate when
// `principals` is empty), each action on each resource: {"actions", "resources", "rows":
// [{"principal", "name", "type", "cells": [{"action", "resource", "decision"}]}]}. Click-through
// explanations come from ConsoleSimulate.
Result<nlohmann::json> ConsoleMatrix(OpContext& ctx, const ConsoleViewer& viewer,
                                     const std::vector<std::string>& principals,
                                     const std::vector<std::string>& actions,
                                     const std::vector<std::string>& resources);

// Parses "key=type:v1,v2" (type optional: string) into a context entry; nullopt when the text
// has no '='.
std::optional<SimContextEntry> ParseConsoleContext(const std::string& text);

}  // namespace iamlite::ops
