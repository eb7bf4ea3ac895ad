// Standard base64 (RFC 4648 with padding).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace iamlite {

std::string Base64Encode(std::string_view data);
// nullopt on any character outside the alphabet or a bad length.
std::optional<std::string> Base64Decode(std::string_view text);

}  // namespace iamlite
