// libFuzzer target: a form-encoded AWS Query request body -> ParseForm -> DecodeInput against
// the input shape of the named Action (IAM's model, else STS's), as the server decodes it.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/model.h"
#include "server/form.h"
#include "server/query_decoder.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace iamlite;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  Params params;
  if (!ParseForm(text, params)) return 0;
  auto action = params.find("Action");
  if (action == params.end()) return 0;
  for (const ServiceModel* model : {&IamModel(), &StsModel()}) {
    const Operation* op = model->FindOperation(action->second);
    if (!op) continue;
    (void)DecodeInput(op->input, params, DecodeOptions{.quote_values = model == &StsModel()});
    return 0;
  }
  return 0;
}
