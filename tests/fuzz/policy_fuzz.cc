// libFuzzer target: a policy document -> ParsePolicy (parser and validator) for every kind ->
// Compile, and the size rules.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/policy/compiled_policy.h"
#include "core/policy/parser.h"
#include "core/policy/policy_size.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace iamlite::policy;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)PolicySize(text);
  for (PolicyKind kind : {PolicyKind::kIdentity, PolicyKind::kInlineIdentity, PolicyKind::kTrust,
                          PolicyKind::kResource}) {
    auto parsed = ParsePolicy(text, kind);
    if (parsed) (void)Compile(**parsed);
  }
  return 0;
}
