// libFuzzer target: ARN parsing. Input: "PATTERN\nARN". ArnParts::Split, ArnPattern (with and
// without policy variables) matching, the policy grammar's resource ARN checks.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/policy/arn_pattern.h"
#include "core/policy/request_context.h"
#include "core/policy/resource_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace iamlite;
  using namespace iamlite::policy;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  const std::size_t nl = text.find('\n');
  const std::string_view pattern = text.substr(0, nl);
  const std::string_view arn = nl == std::string_view::npos ? text : text.substr(nl + 1);

  ContextKeys context;
  context.Set("aws:username", std::string("alice"));
  context.Set("aws:userid", std::string("AIDAEXAMPLE"));
  std::vector<std::string_view> unresolved;
  for (bool variables : {false, true}) {
    ArnPattern p(pattern, variables);
    (void)p.Matches(arn, context, &unresolved);
    (void)p.has_variables();
    (void)p.Substitute(context);
  }
  const ArnParts parts = ArnParts::Split(arn);
  for (int i = 0; i < parts.count; ++i) (void)parts.From(i);
  (void)FailsLegacyResourceParse(arn);
  (void)ResourceFormatError(arn);
  return 0;
}
