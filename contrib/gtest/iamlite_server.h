// Start iamlite for a GoogleTest suite: one server per test suite on a free port, reset
// before each test. Header-only, POSIX, no dependency beyond GoogleTest.
//
//   #include "iamlite_server.h"
//   class MyTest : public iamlite::testing::IamliteTest {};
//   TEST_F(MyTest, CreatesUsers) {
//     // Endpoint() is "http://127.0.0.1:PORT": point your AWS SDK client at it.
//   }
//
// The binary is IAMLITE_BIN from the environment, else `iamlite` on PATH.
#pragma once

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace iamlite::testing {

// A running `iamlite serve --port 0`, stopped (SIGTERM) on destruction.
class IamliteServer {
 public:
  explicit IamliteServer(std::vector<std::string> extra_args = {}) {
    const char* bin = std::getenv("IAMLITE_BIN");
    std::vector<std::string> args = {bin ? bin : "iamlite", "serve", "--port", "0", "--quiet"};
    args.insert(args.end(), extra_args.begin(), extra_args.end());
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);

    int out[2];
    if (pipe(out) != 0) throw std::runtime_error("pipe failed");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, out[0]);
    int rc = posix_spawnp(&pid_, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    close(out[1]);
    if (rc != 0) {
      close(out[0]);
      throw std::runtime_error(std::string("cannot start ") + argv[0]);
    }
    // The ready line: "iamlite VERSION ready on http://HOST:PORT (account ID)".
    std::string line;
    char c;
    while (read(out[0], &c, 1) == 1 && c != '\n') line += c;
    close(out[0]);  // later output goes nowhere: the server ignores SIGPIPE-free stdout
    auto at = line.find("ready on http://");
    if (at == std::string::npos) {
      Stop();
      throw std::runtime_error("iamlite did not start: " + line);
    }
    endpoint_ = line.substr(at + 9, line.find(' ', at + 9) - (at + 9));
    port_ = std::stoi(endpoint_.substr(endpoint_.rfind(':') + 1));
  }
  IamliteServer(const IamliteServer&) = delete;
  IamliteServer& operator=(const IamliteServer&) = delete;
  ~IamliteServer() { Stop(); }

  const std::string& Endpoint() const { return endpoint_; }
  int Port() const { return port_; }

  // One HTTP/1.0 request on loopback; returns the status code and fills `body`.
  int Request(const std::string& method, const std::string& target, const std::string& payload,
              std::string* body = nullptr,
              const std::string& content_type = "application/x-www-form-urlencoded") const {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port_));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
      close(fd);
      return -1;
    }
    std::string req =
        method + " " + target + " HTTP/1.0\r\nHost: 127.0.0.1\r\nContent-Type: " + content_type +
        "\r\nContent-Length: " + std::to_string(payload.size()) + "\r\n\r\n" + payload;
    for (size_t sent = 0; sent < req.size();) {
      ssize_t n = write(fd, req.data() + sent, req.size() - sent);
      if (n <= 0) break;
      sent += static_cast<size_t>(n);
    }
    std::string response;
    char buf[4096];
    for (ssize_t n; (n = read(fd, buf, sizeof buf)) > 0;)
      response.append(buf, static_cast<size_t>(n));
    close(fd);
    if (body) {
      auto end = response.find("\r\n\r\n");
      *body = end == std::string::npos ? "" : response.substr(end + 4);
    }
    auto sp = response.find(' ');
    return sp == std::string::npos ? -1 : std::atoi(response.c_str() + sp + 1);
  }

  // Empties every account: POST /iamlite/reset. True on success.
  bool Reset() const { return Request("POST", "/iamlite/reset", "") == 200; }

  void Stop() {
    if (pid_ <= 0) return;
    kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
  }

 private:
  pid_t pid_ = -1;
  std::string endpoint_;
  int port_ = 0;
};

// A test fixture: one server for the suite, reset before each test.
class IamliteTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = std::make_unique<IamliteServer>(); }
  static void TearDownTestSuite() { server_.reset(); }
  void SetUp() override { ASSERT_TRUE(server_->Reset()) << "POST /iamlite/reset failed"; }

  static IamliteServer& Server() { return *server_; }
  static const std::string& Endpoint() { return server_->Endpoint(); }

 private:
  static inline std::unique_ptr<IamliteServer> server_;
};

}  // namespace iamlite::testing
