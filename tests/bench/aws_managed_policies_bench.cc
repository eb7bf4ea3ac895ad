// Measures the first use of the AWS managed policy catalogue: wall time, resident memory and
// heap growth of the lazy load, then the cost of lookups once loaded. Not a test: numbers
// depend on the machine. Build with `ninja -C build aws_managed_policies_bench`.
#include <malloc.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>

#include "core/aws_managed_policies.h"

namespace {

long StatusKb(const char* field) {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line))
    if (line.starts_with(field)) return std::stol(line.substr(line.find(':') + 1));
  return -1;
}

double MsSince(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count();
}

}  // namespace

int main() {
  using iamlite::AwsManagedPoliciesSorted;
  using iamlite::FindAwsManagedPolicy;
  long rss0 = StatusKb("VmRSS:");
  size_t heap0 = mallinfo2().uordblks;
  auto t0 = std::chrono::steady_clock::now();
  const auto& all = AwsManagedPoliciesSorted();
  double first_ms = MsSince(t0);
  long rss1 = StatusKb("VmRSS:");
  size_t heap1 = mallinfo2().uordblks;

  size_t doc_bytes = 0, versions = 0;
  for (const auto* p : all)
    for (const auto& v : p->versions) doc_bytes += v.document.size(), ++versions;

  auto t1 = std::chrono::steady_clock::now();
  size_t found = 0;
  constexpr int kRounds = 100;
  for (int r = 0; r < kRounds; ++r)
    for (const auto* p : all) found += FindAwsManagedPolicy(p->arn) == p;
  double lookup_ns = MsSince(t1) * 1e6 / static_cast<double>(kRounds * all.size());

  std::printf("policies %zu, versions %zu, document text %zu bytes\n", all.size(), versions,
              doc_bytes);
  std::printf("first use: %.1f ms, RSS %ld -> %ld KB (+%ld KB, peak VmHWM %ld KB), heap +%zu KB\n",
              first_ms, rss0, rss1, rss1 - rss0, StatusKb("VmHWM:"), (heap1 - heap0) / 1024);
  std::printf("lookup by ARN: %.0f ns (%zu found)\n", lookup_ns, found);
  return found == kRounds * all.size() ? 0 : 1;
}
