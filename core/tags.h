// Tag rules common to every taggable IAM resource (users, roles, policies, ...).
// The model's decoder has already checked each key and value's length and pattern.
#pragma once

#include <string_view>
#include <vector>

#include "core/entities.h"
#include "core/error.h"

namespace iamlite {

inline constexpr size_t kMaxTagsPerResource = 50;

// Checks a tag list given on Create*: no duplicate keys (case-insensitive), no reserved
// "aws:" prefix. `duplicate_message` differs by resource as AWS words it.
Result<void> CheckNewTags(const Tags& tags, std::string_view duplicate_message);

// The tags after Tag*: `incoming` replaces existing tags with the same key (compared
// without case) and adds the rest; fails past 50 tags.
Result<Tags> MergeTags(const Tags& existing, const Tags& incoming,
                       std::string_view duplicate_message);

// The tags after Untag*: every tag whose key is in `keys` removed (exact keys, as AWS).
Tags RemoveTags(const Tags& existing, const std::vector<std::string>& keys);

inline constexpr std::string_view kDuplicateTagsCaseInsensitive =
    "Duplicate tag keys found. Please note that Tag keys are case insensitive.";

}  // namespace iamlite
