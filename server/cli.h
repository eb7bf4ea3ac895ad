// Offline command-line tools: `iamlite simulate` and `iamlite validate`.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace iamlite::cli {

// `iamlite simulate --policy FILE ... --action A ...`: exit 0 when every request is allowed,
// 1 when any is denied, 2 on a usage error (bad flag, unreadable file, malformed policy).
int Simulate(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

// `iamlite validate FILE [--kind identity|inline|trust|resource]`: exit 0 valid, 1 invalid,
// 2 usage error.
int Validate(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

// Findings about a valid policy: actions that look unknown, statements that can never match.
std::vector<std::string> Findings(const std::string& text, bool resource_kind);

}  // namespace iamlite::cli
