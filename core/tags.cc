#include "core/tags.h"

#include <algorithm>
#include <set>

#include "core/names.h"

namespace iamlite {

Result<void> CheckNewTags(const Tags& tags, std::string_view duplicate_message) {
  std::set<std::string> seen;
  for (const auto& t : tags) {
    if (!seen.insert(FoldName(t.key)).second)
      return std::unexpected(errors::InvalidInput(std::string(duplicate_message)));
    if (FoldName(t.key).starts_with("aws:"))
      return std::unexpected(
          errors::InvalidInput("User-defined tag keys can't start with the reserved prefix aws:"));
  }
  return Ok();
}

Result<Tags> MergeTags(const Tags& existing, const Tags& incoming,
                       std::string_view duplicate_message) {
  if (auto ok = CheckNewTags(incoming, duplicate_message); !ok) return std::unexpected(ok.error());
  Tags out = existing;
  for (const auto& t : incoming) {
    auto it = std::find_if(out.begin(), out.end(),
                           [&](const Tag& o) { return FoldName(o.key) == FoldName(t.key); });
    if (it != out.end())
      *it = t;
    else
      out.push_back(t);
  }
  if (out.size() > kMaxTagsPerResource)
    return std::unexpected(
        errors::LimitExceeded("The number of tags has reached the maximum limit."));
  return out;
}

Tags RemoveTags(const Tags& existing, const std::vector<std::string>& keys) {
  Tags out;
  for (const auto& t : existing)
    if (std::find(keys.begin(), keys.end(), t.key) == keys.end()) out.push_back(t);
  return out;
}

}  // namespace iamlite
