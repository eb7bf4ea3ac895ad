// The web console's files (console/*), compiled into the binary by cmake/embed_console.cmake.
#pragma once

#include <cstddef>

namespace iamlite {

struct ConsoleAsset {
  const char* name;          // file name under console/, e.g. "app.js"
  const char* content_type;  // e.g. "text/javascript; charset=utf-8"
  const char* data;
  std::size_t size;
};

extern const ConsoleAsset kConsoleAssets[];
extern const std::size_t kConsoleAssetCount;

}  // namespace iamlite
