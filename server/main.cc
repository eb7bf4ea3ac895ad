// iamlite: an offline AWS IAM and STS emulator.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include "server/app.h"
#include "server/cli.h"
#include "server/http_server.h"
#include "server/version.h"

namespace {

constexpr const char* kUsage = R"(iamlite - an offline AWS IAM and STS emulator

Usage:
  iamlite serve [--host H] [--port P] [--threads N] [--quiet]
  iamlite simulate --policy FILE [--policy FILE ...] [--boundary FILE]
                   [--resource-policy FILE] --action A [--action B ...]
                   [--resource ARN ...] [--caller ARN] [--context key=type:value ...] [--json]
  iamlite validate FILE [--kind identity|inline|trust|resource]
  iamlite --help | --version

serve options (environment variables in brackets):
  --host H      address to listen on            [IAMLITE_HOST, default 127.0.0.1]
  --port P      port; 0 picks a free one        [IAMLITE_PORT, default 4599]
  --threads N   worker threads                  [IAMLITE_THREADS, default: one per core]
  --account ID  the default account             [IAMLITE_ACCOUNT, default 123456789012]
  --idle-timeout S  close idle or stalled connections after S seconds [default 60]
  --quiet       no per-request log line         [IAMLITE_QUIET=1]
  --verify-signatures  check every request's SigV4 signature [IAMLITE_VERIFY_SIGNATURES=1]
  --root-access-key K  access key id of the default account's root
                                                [IAMLITE_ROOT_ACCESS_KEY, default test]
  --root-secret-key S  its secret access key    [IAMLITE_ROOT_SECRET_KEY, default test]

Callers: a key created through iamlite is its IAM user; the root access key or a 12-digit
key id (that account) is root; without --verify-signatures anything else is the default
account's root and signatures are not checked.

simulate: evaluates the policies offline for each action and resource (default "*") and
  prints the decision (allowed, explicitDeny, implicitDeny) and why. Context types: string,
  numeric, boolean, ip, binary, date and their ...List forms (comma-separated values).
  Exit 0: all allowed; 1: any denied; 2: usage error or malformed policy.
validate: prints AWS's MalformedPolicyDocument message, or "valid" and findings.
  Exit 0: valid; 1: invalid; 2: usage error.

Once listening it prints "iamlite ready on http://HOST:PORT" on standard output.
Each request logs one line to standard error: time, method, action, caller, status, latency.
)";

const char* Env(const char* name, const char* fallback) {
  const char* v = std::getenv(name);
  return v && *v ? v : fallback;
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

int RunServe(int argc, char** argv) {
  iamlite::ServerOptions server;
  iamlite::AppOptions app_opts;
  server.host = Env("IAMLITE_HOST", "127.0.0.1");
  int port = 0, threads = 0;
  if (!ParsePort(Env("IAMLITE_PORT", "4599"), port)) return Fail("bad IAMLITE_PORT");
  threads = std::atoi(Env("IAMLITE_THREADS", "0"));
  app_opts.quiet = std::string(Env("IAMLITE_QUIET", "")) == "1";
  app_opts.default_account = Env("IAMLITE_ACCOUNT", iamlite::kDefaultAccount);
  app_opts.auth.verify_signatures = std::string(Env("IAMLITE_VERIFY_SIGNATURES", "")) == "1";
  app_opts.auth.root_access_key = Env("IAMLITE_ROOT_ACCESS_KEY", "test");
  app_opts.auth.root_secret_key = Env("IAMLITE_ROOT_SECRET_KEY", "test");
  for (int i = 2; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&](const char* flag) -> const char* {
      if (i + 1 >= argc) return nullptr;
      (void)flag;
      return argv[++i];
    };
    if (a == "--host") {
      const char* v = value("--host");
      if (!v) return Fail("--host needs a value");
      server.host = v;
    } else if (a == "--port") {
      const char* v = value("--port");
      if (!v || !ParsePort(v, port)) return Fail("--port needs a number from 0 to 65535");
    } else if (a == "--threads") {
      const char* v = value("--threads");
      if (!v || std::atoi(v) < 1) return Fail("--threads needs a positive number");
      threads = std::atoi(v);
    } else if (a == "--account") {
      const char* v = value("--account");
      if (!v || std::strlen(v) != 12 ||
          std::string(v).find_first_not_of("0123456789") != std::string::npos)
        return Fail("--account needs a 12-digit account id");
      app_opts.default_account = v;
    } else if (a == "--idle-timeout") {
      const char* v = value("--idle-timeout");
      if (!v || std::atoi(v) < 1) return Fail("--idle-timeout needs a positive number of seconds");
      server.idle_timeout_seconds = std::atoi(v);
    } else if (a == "--verify-signatures") {
      app_opts.auth.verify_signatures = true;
    } else if (a == "--root-access-key") {
      const char* v = value("--root-access-key");
      if (!v || !*v) return Fail("--root-access-key needs a value");
      app_opts.auth.root_access_key = v;
    } else if (a == "--root-secret-key") {
      const char* v = value("--root-secret-key");
      if (!v || !*v) return Fail("--root-secret-key needs a value");
      app_opts.auth.root_secret_key = v;
    } else if (a == "--quiet") {
      app_opts.quiet = true;
    } else if (a == "--help" || a == "-h") {
      std::cout << kUsage;
      return 0;
    } else {
      return Fail("unknown option " + a);
    }
  }
  server.port = static_cast<std::uint16_t>(port);
  server.threads = threads;
  iamlite::App app(app_opts, std::make_unique<iamlite::SystemClock>(),
                   std::make_unique<iamlite::RandomIdGenerator>());
  return iamlite::Serve(app, server, [&](std::uint16_t bound) {
    std::printf("iamlite %s ready on http://%s:%u (account %s%s)\n", iamlite::kVersion,
                server.host.c_str(), bound, app_opts.default_account.c_str(),
                app_opts.auth.verify_signatures ? ", verifying signatures" : "");
    std::fflush(stdout);
  });
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
  return Fail("unknown command " + cmd);
}
