#include "core/pagination.h"

#include "core/base64.h"

namespace iamlite {

std::string EncodeMarker(std::string_view listing, std::string_view last_key) {
  std::string raw = "iamlite1\n" + std::string(listing) + "\n" + std::string(last_key);
  return Base64Encode(raw);
}

Result<std::string> DecodeMarker(std::string_view listing, std::string_view marker) {
  auto raw = Base64Decode(marker);
  std::string prefix = "iamlite1\n" + std::string(listing) + "\n";
  if (!raw || !raw->starts_with(prefix))
    return std::unexpected(errors::ValidationError("Invalid Marker."));
  return raw->substr(prefix.size());
}

}  // namespace iamlite
