// Helpers shared by unit tests.
#pragma once

#include <fstream>
#include <sstream>
#include <string>

#ifndef IAMLITE_SOURCE_DIR
#define IAMLITE_SOURCE_DIR "."
#endif

namespace iamlite::testing {

inline std::string ReadSourceFile(const std::string& relative) {
  std::ifstream in(std::string(IAMLITE_SOURCE_DIR) + "/" + relative);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace iamlite::testing
