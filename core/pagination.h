// Marker/MaxItems/IsTruncated pagination, one helper for every List* operation.
// Markers are opaque to clients: base64 of the listing's name and the last key returned,
// so a marker from another listing is rejected.
#pragma once

#include <algorithm>
#include <cstdlib>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/account_state.h"
#include "core/error.h"

namespace iamlite {

inline constexpr int kDefaultMaxItems = 100;

struct PageRequest {
  std::optional<std::string> marker;
  int max_items = kDefaultMaxItems;
};

template <class T>
struct Page {
  std::vector<T> items;
  bool truncated = false;
  std::string next_marker;  // set when truncated
};

std::string EncodeMarker(std::string_view listing, std::string_view last_key);
// The last key a marker carries, or ValidationError "Invalid Marker." when it is not one of
// this listing's markers.
Result<std::string> DecodeMarker(std::string_view listing, std::string_view marker);

// One page of `table` entries for which keep(entity) holds, in key order.
template <class T, class Keep>
Result<Page<std::shared_ptr<const T>>> Paginate(const Table<T>& table, std::string_view listing,
                                                const PageRequest& req, Keep keep) {
  Page<std::shared_ptr<const T>> page;
  auto it = table.begin();
  if (req.marker) {
    auto last = DecodeMarker(listing, *req.marker);
    if (!last) return std::unexpected(last.error());
    it = table.upper_bound(*last);
  }
  for (; it != table.end(); ++it) {
    if (!keep(*it->second)) continue;
    if (static_cast<int>(page.items.size()) == req.max_items) {
      page.truncated = true;
      page.next_marker = EncodeMarker(listing, std::prev(it)->first);
      break;
    }
    page.items.push_back(it->second);
  }
  return page;
}

// One page of a plain vector (tags, names), by position.
template <class T>
Result<Page<T>> PaginateVector(const std::vector<T>& items, std::string_view listing,
                               const PageRequest& req) {
  Page<T> page;
  size_t start = 0;
  if (req.marker) {
    auto last = DecodeMarker(listing, *req.marker);
    if (!last) return std::unexpected(last.error());
    char* end = nullptr;
    start = std::strtoul(last->c_str(), &end, 10);
    if (last->empty() || *end != '\0' || start > items.size())
      return std::unexpected(errors::ValidationError("Invalid Marker."));
  }
  size_t stop = std::min(items.size(), start + static_cast<size_t>(req.max_items));
  page.items.assign(items.begin() + static_cast<std::ptrdiff_t>(start),
                    items.begin() + static_cast<std::ptrdiff_t>(stop));
  if (stop < items.size()) {
    page.truncated = true;
    page.next_marker = EncodeMarker(listing, std::to_string(stop));
  }
  return page;
}

// The same for a vector the caller gives up: when it all fits on the first page, it becomes
// the page without a copy.
template <class T>
Result<Page<T>> PaginateVector(std::vector<T>&& items, std::string_view listing,
                               const PageRequest& req) {
  if (!req.marker && items.size() <= static_cast<size_t>(req.max_items)) {
    Page<T> page;
    page.items = std::move(items);
    return page;
  }
  return PaginateVector(static_cast<const std::vector<T>&>(items), listing, req);
}

}  // namespace iamlite
