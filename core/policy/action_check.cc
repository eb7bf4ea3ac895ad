#include "core/policy/action_check.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace iamlite::policy {
namespace {

char Lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

// '*' and '?' glob match without regard to case; linear backtracking on the last '*'.
bool GlobMatchNoCase(std::string_view pattern, std::string_view text) {
  std::size_t p = 0, t = 0, star = std::string_view::npos, resume = 0;
  while (t < text.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || Lower(pattern[p]) == Lower(text[t]))) {
      ++p;
      ++t;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      resume = t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

// Recorded: letters, digits, '-' and '.' pass ("s3-s", "s3.s"); a space fails ("a a").
// '_' and the wildcards are let through too, unrecorded either way.
bool IsVendorChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' || c == '_' ||
         c == '*' || c == '?';
}

constexpr std::array<std::string_view, 6> kTrustActions = {
    "sts:AssumeRole", "sts:AssumeRoleWithSAML", "sts:AssumeRoleWithWebIdentity",
    "sts:TagSession", "sts:SetSourceIdentity",  "sts:SetContext"};

}  // namespace

std::optional<std::string> ActionFormatError(std::string_view action) {
  if (action == "*") return std::nullopt;
  const auto colon = action.find(':');
  if (colon == std::string_view::npos || colon == 0) {
    return "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.";
  }
  if (action.find(':', colon + 1) != std::string_view::npos) {
    return "Actions/Condition can contain only one colon.";
  }
  const std::string_view vendor = action.substr(0, colon);
  if (!std::all_of(vendor.begin(), vendor.end(), IsVendorChar)) {
    return "Vendor " + std::string(vendor) + " is not valid";
  }
  return std::nullopt;
}

bool IsTrustPolicyAction(std::string_view action) {
  return std::any_of(kTrustActions.begin(), kTrustActions.end(),
                     [&](std::string_view a) { return GlobMatchNoCase(action, a); });
}

}  // namespace iamlite::policy
