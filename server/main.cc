// iamlite: an offline AWS IAM and STS emulator.
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

#include "core/model.h"
#include "core/state/document.h"
#include "core/state/fixture.h"
#include "core/state/journal.h"
#include "core/state/state_dir.h"
#include "server/app.h"
#include "server/cli.h"
#include "server/http_client.h"
#include "server/http_server.h"
#include "server/progress.h"
#include "server/version.h"

namespace {

constexpr const char* kUsage = R"(iamlite - an offline AWS IAM and STS emulator

Usage:
  iamlite serve [--host H] [--port P] [--threads N] [--account ID] [--quiet]
                [--verify-signatures] [--enforce] [--log-level info|debug]
                [--state-dir DIR] [--fixture FILE]... [--compact-after BYTES]
  iamlite export [--secrets] [--state-dir DIR | --url URL]
  iamlite import FILE [--state-dir DIR | --url URL]
  iamlite simulate --policy FILE [--policy FILE ...] [--boundary FILE]
                   [--resource-policy FILE] --action A [--action B ...]
                   [--resource ARN ...] [--caller ARN] [--context key=type:value ...] [--json]
  iamlite validate FILE [--kind identity|inline|trust|resource]
  iamlite --help | --version

serve options (environment variables in brackets):
  --host H      address to listen on            [IAMLITE_HOST, default 127.0.0.1]
  --port P      port; 0 picks a free one        [IAMLITE_PORT, default 4599]
  --threads N   worker threads                  [IAMLITE_THREADS, default: cores - 1, >= 1]
  --account ID  the default account             [IAMLITE_ACCOUNT, default 123456789012]
  --idle-timeout S  close idle or stalled connections after S seconds [default 60]
  --read-timeout S  a request must arrive whole within S seconds of its first byte,
                else 408 and close (slow senders)           [default 10]
  --max-connections N  at most N open connections; more are answered 503 and
                closed                                      [default 1024]
  --quiet       no per-request log line         [IAMLITE_QUIET=1]
  --verify-signatures  check every request's SigV4 signature [IAMLITE_VERIFY_SIGNATURES=1]
  --console-auth  the web console (/console) requires signing in as an IAM user with a
                console password, and shows only what that user may read [IAMLITE_CONSOLE_AUTH=1]
  --enforce     authorize every IAM and STS call with the account's policies, as AWS
                does (AccessDenied otherwise); implies --verify-signatures
                                                [IAMLITE_ENFORCE=1]
  --log-level L info or debug; debug logs each authorization decision and its reason
                                                [IAMLITE_LOG_LEVEL, default info]
  --verbose     same as --log-level debug
  --root-access-key K  access key id of the default account's root
                                                [IAMLITE_ROOT_ACCESS_KEY, default test]
  --root-secret-key S  its secret access key    [IAMLITE_ROOT_SECRET_KEY, default test]

Callers: a key created through iamlite is its IAM user; the root access key or a 12-digit
key id (that account) is root; without --verify-signatures anything else is the default
account's root and signatures are not checked. With --enforce, the root is always allowed
and everyone else needs an identity-based policy that allows the call. POST
/moto-api/reset-auth with a number N turns the same checks on after N more requests (without
the clock-skew check), as moto's server does.

simulate: evaluates the policies offline for each action and resource (default "*") and
  prints the decision (allowed, explicitDeny, implicitDeny) and why. Context types: string,
  numeric, boolean, ip, binary, date and their ...List forms (comma-separated values).
  Exit 0: all allowed; 1: any denied; 2: usage error or malformed policy.
validate: prints AWS's MalformedPolicyDocument message, or "valid" and findings.
  Exit 0: valid; 1: invalid; 2: usage error.

  --state-dir DIR   keep the state in DIR: every acknowledged change is on disk before
                its response is sent; restarts resume from it   [IAMLITE_STATE_DIR]
  --fixture FILE    load a fixture (JSON) at start-up; repeatable. With --state-dir, only
                when the directory holds no state yet
  --compact-after BYTES  snapshot the state when the journal passes BYTES [default 16777216]

export writes the whole state as JSON on standard output; --secrets includes access key
secrets and password hashes. import replaces the whole state with FILE ("-": standard
input). Both talk to a running server (--url, default http://$IAMLITE_HOST:$IAMLITE_PORT)
or work on a state directory no server is using (--state-dir).

Once listening it prints "iamlite ready on http://HOST:PORT" on standard output.
Each request logs one line to standard error: time, method, action, caller, status, latency.
SIGINT and SIGTERM finish the requests in progress, then exit 0.
)";

const char* Env(const char* name, const char* fallback) {
  const char* v = std::getenv(name);
  return v && *v ? v : fallback;
}

// The start-up banner on standard error: where to point clients, how requests are checked,
// where the state lives, the console. (The ready line on standard output is what scripts
// parse; this is for people.)
void PrintBanner(const iamlite::AppOptions& o, const std::string& host, unsigned port,
                 const std::string& state_dir) {
  const std::string url = "http://" + (host == "0.0.0.0" ? std::string("127.0.0.1") : host) + ":" +
                          std::to_string(port);
  const char* mode =
      o.enforce ? "enforce: signatures checked, every call authorized by IAM policies"
      : o.auth.verify_signatures ? "verify: signatures and keys checked, no authorization"
                                 : "friendly: any credentials accepted";
  std::fprintf(stderr,
               "iamlite %s: offline AWS IAM and STS\n"
               "  endpoint  %s  (aws --endpoint-url %s, or AWS_ENDPOINT_URL_IAM/_STS)\n"
               "  mode      %s\n"
               "  accounts  %s by default (root key id %s); other accounts on first use\n"
               "  state     %s\n"
               "  console   %s/console\n",
               iamlite::kVersion, url.c_str(), url.c_str(), mode, o.default_account.c_str(),
               o.auth.root_access_key.c_str(),
               state_dir.empty() ? "in memory (POST /iamlite/reset empties it)" : state_dir.c_str(),
               url.c_str());
}

bool ParsePort(const std::string& s, int& out) {
  char* end = nullptr;
  long v = std::strtol(s.c_str(), &end, 10);
  if (s.empty() || *end || v < 0 || v > 65535) return false;
  out = static_cast<int>(v);
  return true;
}

int Fail(const std::string& msg) {
  std::cerr << "iamlite: " << msg << "\n(see iamlite --help)\n";
  return 2;
}

int Error(const std::string& msg) {
  std::cerr << "iamlite: " << msg << "\n";
  return 1;
}

// Loads the fixtures into a scratch store, then installs it whole: a bad fixture changes
// nothing.
int LoadFixtures(iamlite::App& app, const std::vector<std::string>& files,
                 const std::string& account) {
  iamlite::SystemClock clock;
  iamlite::RandomIdGenerator ids;
  iamlite::Store scratch(&clock);
  iamlite::Progress progress("fixtures");
  for (std::size_t i = 0; i < files.size(); ++i) {
    progress.Stage("loading " + files[i] + " (" + std::to_string(i + 1) + " of " +
                   std::to_string(files.size()) + ")");
    auto ok = iamlite::state::ApplyFixtureFile(files[i], scratch, clock, ids, {account});
    if (!ok) {
      progress.Abandon();
      std::cerr << "iamlite: fixture error: " << ok.error() << "\n";
      return 2;
    }
  }
  progress.Stage("installing");
  if (auto ok = app.store().ReplaceAll(scratch.Snapshot()); !ok) {
    progress.Abandon();
    return Error("cannot install the fixtures: " + ok.error().message);
  }
  progress.Done(std::to_string(files.size()) + " file(s) loaded");
  return 0;
}

// Loading a large state allocates tens of MB of small objects, and on a VM where each 4 KiB
// page fault is costly most of the start-up went to the kernel: with 100,000 entities, 630 ms
// of CPU to the ready line with 4 KiB pages, 360 ms with glibc's heaps on transparent huge
// pages, 320 ms when each heap also grows by 64 MiB at a time instead of a page (a decoding
// thread's arena grew by one mprotect per page); measured on the benchmark VM with
// scripts/bench-state. glibc reads these settings only at process start (GLIBC_TUNABLES), so
// serve starts itself again once with them when the snapshot to load is large. A
// GLIBC_TUNABLES already in the environment (even empty) is left alone and turns this off.
void ReexecWithHugePagesForLargeState(const std::string& state_dir, char** argv) {
  constexpr off_t kLarge = 4 << 20;
  if (state_dir.empty() || std::getenv("GLIBC_TUNABLES") != nullptr) return;
  struct stat st {};
  const std::string snapshot = state_dir + "/snapshot.iaml";
  if (::stat(snapshot.c_str(), &st) != 0 || st.st_size < kLarge) return;
  if (::setenv("GLIBC_TUNABLES", "glibc.malloc.hugetlb=1:glibc.malloc.top_pad=67108864", 1) != 0)
    return;
  ::execv("/proc/self/exe", argv);
  ::unsetenv("GLIBC_TUNABLES");  // exec failed: go on as we are
}

int RunServe(int argc, char** argv) {
  iamlite::ServerOptions server;
  iamlite::AppOptions app_opts;
  app_opts.async_log = true;  // the log line costs a request no write(2) (request_log.h)
  server.host = Env("IAMLITE_HOST", "127.0.0.1");
  int port = 0, threads = 0;
  if (!ParsePort(Env("IAMLITE_PORT", "4599"), port)) return Fail("bad IAMLITE_PORT");
  threads = std::atoi(Env("IAMLITE_THREADS", "0"));
  app_opts.quiet = std::string(Env("IAMLITE_QUIET", "")) == "1";
  app_opts.default_account = Env("IAMLITE_ACCOUNT", iamlite::kDefaultAccount);
  app_opts.auth.verify_signatures = std::string(Env("IAMLITE_VERIFY_SIGNATURES", "")) == "1";
  app_opts.console_auth = std::string(Env("IAMLITE_CONSOLE_AUTH", "")) == "1";
  app_opts.enforce = std::string(Env("IAMLITE_ENFORCE", "")) == "1";
  std::string log_level = Env("IAMLITE_LOG_LEVEL", "info");
  app_opts.auth.root_access_key = Env("IAMLITE_ROOT_ACCESS_KEY", "test");
  app_opts.auth.root_secret_key = Env("IAMLITE_ROOT_SECRET_KEY", "test");
  std::string state_dir = Env("IAMLITE_STATE_DIR", "");
  std::vector<std::string> fixtures;
  std::uint64_t compact_after = 16u << 20;
  for (int i = 2; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> const char* { return i + 1 < argc ? argv[++i] : nullptr; };
    if (a == "--host") {
      const char* v = value();
      if (!v) return Fail("--host needs a value");
      server.host = v;
    } else if (a == "--port") {
      const char* v = value();
      if (!v || !ParsePort(v, port)) return Fail("--port needs a number from 0 to 65535");
    } else if (a == "--threads") {
      const char* v = value();
      if (!v || std::atoi(v) < 1) return Fail("--threads needs a positive number");
      threads = std::atoi(v);
    } else if (a == "--account") {
      const char* v = value();
      if (!v || std::strlen(v) != 12 ||
          std::string(v).find_first_not_of("0123456789") != std::string::npos)
        return Fail("--account needs a 12-digit account id");
      app_opts.default_account = v;
    } else if (a == "--idle-timeout") {
      const char* v = value();
      if (!v || std::atoi(v) < 1) return Fail("--idle-timeout needs a positive number of seconds");
      server.idle_timeout_seconds = std::atoi(v);
    } else if (a == "--read-timeout") {
      const char* v = value();
      if (!v || std::atoi(v) < 1) return Fail("--read-timeout needs a positive number of seconds");
      server.read_timeout_seconds = std::atoi(v);
    } else if (a == "--max-connections") {
      const char* v = value();
      if (!v || std::atoi(v) < 1) return Fail("--max-connections needs a positive number");
      server.max_connections = std::atoi(v);
    } else if (a == "--verify-signatures") {
      app_opts.auth.verify_signatures = true;
    } else if (a == "--console-auth") {
      app_opts.console_auth = true;
    } else if (a == "--enforce") {
      app_opts.enforce = true;
    } else if (a == "--log-level") {
      const char* v = value();
      if (!v) return Fail("--log-level needs info or debug");
      log_level = v;
    } else if (a == "--verbose" || a == "-v") {
      log_level = "debug";
    } else if (a == "--root-access-key") {
      const char* v = value();
      if (!v || !*v) return Fail("--root-access-key needs a value");
      app_opts.auth.root_access_key = v;
    } else if (a == "--root-secret-key") {
      const char* v = value();
      if (!v || !*v) return Fail("--root-secret-key needs a value");
      app_opts.auth.root_secret_key = v;
    } else if (a == "--quiet") {
      app_opts.quiet = true;
    } else if (a == "--state-dir") {
      const char* v = value();
      if (!v || !*v) return Fail("--state-dir needs a directory");
      state_dir = v;
    } else if (a == "--fixture") {
      const char* v = value();
      if (!v || !*v) return Fail("--fixture needs a file");
      fixtures.push_back(v);
    } else if (a == "--compact-after") {
      const char* v = value();
      char* end = nullptr;
      unsigned long long n = v ? std::strtoull(v, &end, 10) : 0;
      if (!v || *end || n < 1024) return Fail("--compact-after needs a number of bytes (>= 1024)");
      compact_after = n;
    } else if (a == "--help" || a == "-h") {
      std::cout << kUsage;
      return 0;
    } else {
      return Fail("unknown option " + a);
    }
  }
  if (log_level != "info" && log_level != "debug") return Fail("--log-level needs info or debug");
  app_opts.debug = log_level == "debug";
  if (app_opts.enforce) app_opts.auth.verify_signatures = true;
  // Under --enforce the console signs users in too, and shows each only what they may read.
  if (app_opts.enforce) app_opts.console_auth = true;
  server.port = static_cast<std::uint16_t>(port);
  server.threads = threads;
  ReexecWithHugePagesForLargeState(state_dir, argv);
  iamlite::App app(app_opts, std::make_unique<iamlite::SystemClock>(),
                   std::make_unique<iamlite::RandomIdGenerator>());
  std::unique_ptr<iamlite::state::StateDir> dir;
  if (!state_dir.empty()) {
    auto opened = iamlite::state::StateDir::Open({state_dir, compact_after, stderr});
    if (!opened) return Error(opened.error());
    dir = std::move(*opened);
    if (auto ok = dir->Attach(app.store()); !ok) return Error(ok.error().message);
  }
  if (!fixtures.empty()) {
    if (dir && dir->had_state()) {
      std::cerr << "iamlite: " << state_dir
                << " already holds state; fixtures are not applied (they seed an empty state "
                   "directory only)\n";
    } else if (int rc = LoadFixtures(app, fixtures, app_opts.default_account); rc != 0) {
      return rc;
    }
  }
  // The service models are built on first use, by the first AWS request (core/model.h; about
  // a millisecond from the compiled-in data). Building them on a thread of their own once the
  // server listened, as before, made the first request of any kind slower on 2 cores: 11.5 ms
  // against 9.6 ms to the first GET /health, and no sooner first ListUsers (median of 15
  // starts each, scripts/bench-state's method).
  int rc = iamlite::Serve(app, server, [&](std::uint16_t bound) {
    std::printf("iamlite %s ready on http://%s:%u (account %s%s)\n", iamlite::kVersion,
                server.host.c_str(), bound, app_opts.default_account.c_str(),
                app_opts.enforce                  ? ", enforcing IAM policies"
                : app_opts.auth.verify_signatures ? ", verifying signatures"
                                                  : "");
    std::fflush(stdout);
    if (!app_opts.quiet) PrintBanner(app_opts, server.host, bound, state_dir);
  });
  if (dir) dir->Close();  // every change is already durable; this stops the compactor
  return rc;
}

// Options shared by export and import: where the state is.
struct Target {
  std::string state_dir;
  std::string url;
};

std::string DefaultUrl() {
  if (const char* url = std::getenv("IAMLITE_URL"); url && *url) return url;
  return std::string("http://") + Env("IAMLITE_HOST", "127.0.0.1") + ":" +
         Env("IAMLITE_PORT", "4599");
}

std::string Trimmed(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

std::expected<std::unique_ptr<iamlite::state::StateDir>, std::string> OpenOffline(
    const std::string& dir) {
  // A directory a server is using is refused by its lock.
  return iamlite::state::StateDir::Open({dir, 16u << 20, stderr});
}

int RunExport(int argc, char** argv) {
  bool secrets = false;
  Target target;
  for (int i = 2; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--secrets") {
      secrets = true;
    } else if ((a == "--state-dir" || a == "--url") && i + 1 < argc) {
      (a == "--url" ? target.url : target.state_dir) = argv[++i];
    } else if (a == "--help" || a == "-h") {
      std::cout << kUsage;
      return 0;
    } else {
      return Fail("export: unexpected argument " + a);
    }
  }
  if (!target.url.empty() && !target.state_dir.empty())
    return Fail("export: give --state-dir or --url, not both");
  nlohmann::json doc;
  if (!target.state_dir.empty()) {
    auto dir = OpenOffline(target.state_dir);
    if (!dir) return Error(dir.error());
    doc = iamlite::state::ExportDocument((*dir)->TakeLoaded(), {secrets});
  } else {
    std::string url = Trimmed(target.url.empty() ? DefaultUrl() : target.url) + "/iamlite/state" +
                      (secrets ? "?secrets=true" : "");
    auto res = iamlite::HttpFetch("GET", url);
    if (!res) return Error(res.error());
    if (res->status != 200)
      return Error("export failed (HTTP " + std::to_string(res->status) + "): " + res->body);
    auto parsed = iamlite::state::ParseJsonText(res->body);
    if (!parsed) return Error("the server's answer is not JSON: " + parsed.error().ToString());
    doc = std::move(*parsed);
  }
  std::cout << doc.dump(2) << "\n";
  return std::cout.good() ? 0 : 1;
}

int RunImport(int argc, char** argv) {
  std::string file;
  Target target;
  for (int i = 2; i < argc; ++i) {
    std::string a = argv[i];
    if ((a == "--state-dir" || a == "--url") && i + 1 < argc) {
      (a == "--url" ? target.url : target.state_dir) = argv[++i];
    } else if (a == "--help" || a == "-h") {
      std::cout << kUsage;
      return 0;
    } else if (file.empty() && (a == "-" || !a.starts_with("--"))) {
      file = a;
    } else {
      return Fail("import: unexpected argument " + a);
    }
  }
  if (file.empty()) return Fail("import: name the FILE to import (- for standard input)");
  if (!target.url.empty() && !target.state_dir.empty())
    return Fail("import: give --state-dir or --url, not both");
  iamlite::Progress progress("import " + file);
  progress.Stage("reading");
  std::string text;
  if (file == "-") {
    text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  } else {
    auto read = iamlite::state::ReadWholeFile(file);
    if (!read) {
      progress.Abandon();
      return Error(read.error());
    }
    text = std::move(*read);
  }
  if (!target.state_dir.empty()) {
    auto dir = OpenOffline(target.state_dir);
    if (!dir) {
      progress.Abandon();
      return Error(dir.error());
    }
    iamlite::RandomIdGenerator ids;
    iamlite::SystemClock clock;
    progress.Stage("checking " + iamlite::HumanBytes(text.size()));
    auto imported = iamlite::state::ImportDocumentText(text, {&ids, clock.Now()});
    if (!imported) {
      progress.Abandon();
      return Error(file + ": " + imported.error().ToString());
    }
    std::vector<const iamlite::AccountState*> accounts;
    for (const auto& [id, s] : imported->accounts) accounts.push_back(&s);
    progress.Stage("writing " + std::to_string(accounts.size()) + " account(s) to " +
                   target.state_dir);
    if (auto ok = (*dir)->OnReplaceAll(accounts); !ok) {
      progress.Abandon();
      return Error(ok.error().message);
    }
    progress.Done(std::to_string(accounts.size()) + " account(s) imported");
    std::cout << iamlite::state::ImportSummary(*imported).dump(2) << "\n";
    return 0;
  }
  std::string url = Trimmed(target.url.empty() ? DefaultUrl() : target.url) + "/iamlite/state";
  progress.Stage("sending " + iamlite::HumanBytes(text.size()) + " to " + url);
  auto res = iamlite::HttpFetch("PUT", url, text, "application/json");
  if (!res || res->status != 200) progress.Abandon();
  if (!res) return Error(res.error());
  if (res->status == 200) progress.Done("replaced the server's state");
  if (res->status != 200) {
    auto parsed = iamlite::state::ParseJsonText(res->body);
    if (parsed && parsed->is_object() && parsed->contains("message")) {
      std::string where = parsed->value("path", "");
      return Error(file + ": " + (where.empty() ? "" : where + ": ") +
                   parsed->value("message", ""));
    }
    return Error("import failed (HTTP " + std::to_string(res->status) + "): " + res->body);
  }
  std::cout << res->body;
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << kUsage;
    return 2;
  }
  std::string cmd = argv[1];
  if (cmd == "--help" || cmd == "-h" || cmd == "help") {
    std::cout << kUsage;
    return 0;
  }
  if (cmd == "--version" || cmd == "version") {
    std::cout << "iamlite " << iamlite::kVersion << "\n";
    return 0;
  }
  if (cmd == "serve") return RunServe(argc, argv);
  if (cmd == "simulate" || cmd == "validate") {
    std::vector<std::string> args(argv + 2, argv + argc);
    return cmd == "simulate" ? iamlite::cli::Simulate(args, std::cout, std::cerr)
                             : iamlite::cli::Validate(args, std::cout, std::cerr);
  }
  if (cmd == "export") return RunExport(argc, argv);
  if (cmd == "import") return RunImport(argc, argv);
  return Fail("unknown command " + cmd);
}
