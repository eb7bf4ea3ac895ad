// Name and path rules shared by every IAM entity.
#pragma once

#include <string>
#include <string_view>

namespace iamlite {

// IAM names are unique without regard to case: the key under which an entity is stored.
std::string FoldName(std::string_view name);

// True when `path` starts with `prefix` (PathPrefix filters of the List* operations).
bool PathHasPrefix(std::string_view path, std::string_view prefix);

}  // namespace iamlite
