// Loading the SigV4 case folders of tests/data/sigv4 (layout: tests/data/sigv4/README.md).
#pragma once

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "core/sigv4/request.h"

#ifndef IAMLITE_SOURCE_DIR
#define IAMLITE_SOURCE_DIR "."
#endif

namespace iamlite::sigv4::testing {

inline std::filesystem::path CasesDir() {
  return std::filesystem::path(IAMLITE_SOURCE_DIR) / "tests" / "data" / "sigv4";
}

inline std::optional<std::string> ReadBytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline std::string TrimBlanks(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return std::string(s);
}

// "GET /path?query HTTP/1.1\nName: value\n...\n\nbody" to a Request. The target may contain
// spaces (AWS's get-space case), so the method ends at the first space and the target at the
// last one. Header values lose surrounding blanks, as HTTP parsers strip them.
inline Request ParseHttpText(std::string_view text) {
  Request r;
  size_t end_of_head = text.find("\n\n");
  std::string_view head = text.substr(0, end_of_head);
  if (end_of_head != std::string_view::npos) r.body = std::string(text.substr(end_of_head + 2));
  size_t eol = head.find('\n');
  std::string_view line = head.substr(0, eol);
  head.remove_prefix(eol == std::string_view::npos ? head.size() : eol + 1);
  size_t first = line.find(' '), last = line.rfind(' ');
  r.method = std::string(line.substr(0, first));
  std::string_view target = line.substr(first + 1, last - first - 1);
  size_t q = target.find('?');
  r.path = std::string(target.substr(0, q));
  if (q != std::string_view::npos) r.query = std::string(target.substr(q + 1));
  while (!head.empty()) {
    eol = head.find('\n');
    line = head.substr(0, eol);
    head.remove_prefix(eol == std::string_view::npos ? head.size() : eol + 1);
    size_t colon = line.find(':');
    r.headers.push_back({std::string(line.substr(0, colon)), TrimBlanks(line.substr(colon + 1))});
  }
  return r;
}

struct CaseFiles {
  std::string name;
  Request request;
  nlohmann::json context;
  std::optional<std::string> canonical_request, string_to_sign, signature;
};

inline CaseFiles LoadCase(const std::string& name) {
  auto dir = CasesDir() / name;
  CaseFiles c;
  c.name = name;
  c.request = ParseHttpText(ReadBytes(dir / "request.http").value_or(""));
  c.context = nlohmann::json::parse(ReadBytes(dir / "context.json").value_or("{}"));
  c.canonical_request = ReadBytes(dir / "canonical-request.txt");
  c.string_to_sign = ReadBytes(dir / "string-to-sign.txt");
  c.signature = ReadBytes(dir / "signature.txt");
  return c;
}

// The names of all case folders (those holding a request.http), sorted.
inline std::vector<std::string> ListCases() {
  std::vector<std::string> out;
  for (const auto& entry : std::filesystem::directory_iterator(CasesDir()))
    if (entry.is_directory() && std::filesystem::exists(entry.path() / "request.http"))
      out.push_back(entry.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace iamlite::sigv4::testing
