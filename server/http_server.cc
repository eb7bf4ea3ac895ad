#include "server/http_server.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <iostream>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace iamlite {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

class Session;

// What a graceful stop needs to know: whether one was asked for, and the live sessions.
// Shared by the listener and every session; outlives the io_context's handlers.
struct Lifecycle {
  explicit Lifecycle(asio::io_context& io) : ioc(&io) {}
  std::atomic<asio::io_context*> ioc;  // null once Serve is returning
  std::atomic<bool> stopping{false};
  std::atomic<int> live{0};
  std::mutex mu;
  std::vector<std::weak_ptr<Session>> sessions;

  // Called when a session ends: the last one to end during a stop stops the io_context.
  void Ended() {
    if (--live == 0 && stopping) {
      if (asio::io_context* io = ioc.load()) io->stop();
    }
  }
};

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, App& app, const ServerOptions& opts, std::shared_ptr<Lifecycle> life)
      : stream_(std::move(socket)), app_(app), opts_(opts), life_(std::move(life)) {
    ++life_->live;
  }
  ~Session() { life_->Ended(); }

  void Start() {
    {
      std::lock_guard lock(life_->mu);
      std::erase_if(life_->sessions, [](const auto& w) { return w.expired(); });
      life_->sessions.push_back(weak_from_this());
    }
    asio::dispatch(stream_.get_executor(),
                   beast::bind_front_handler(&Session::DoRead, shared_from_this()));
  }

  // Graceful stop: a session waiting for a request closes now; one handling or answering a
  // request finishes it first (see Write), then closes. A request only partly received gets
  // kStopReadSeconds more to arrive.
  void Stop() {
    asio::post(stream_.get_executor(), [self = shared_from_this()] {
      if (!self->waiting_) return;
      if (self->parser_ && self->parser_->got_some()) {
        self->stop_timer_.expires_after(std::chrono::seconds(kStopReadSeconds));
        self->stop_timer_.async_wait([self](beast::error_code ec) {
          beast::error_code ignored;
          if (!ec && self->waiting_) self->stream_.socket().close(ignored);
        });
      } else {
        beast::error_code ec;
        self->stream_.socket().close(ec);
      }
    });
  }

 private:
  void DoRead() {
    if (life_->stopping) return Close();
    parser_.emplace();
    // The limit is settled once the target is known (OnHeader); Beast checks a declared
    // Content-Length against it while still reading the header.
    parser_->body_limit(std::max(opts_.body_limit, opts_.admin_body_limit));
    parser_->header_limit(static_cast<std::uint32_t>(opts_.header_limit));
    stream_.expires_after(std::chrono::seconds(opts_.idle_timeout_seconds));
    waiting_ = true;
    http::async_read_header(stream_, buffer_, *parser_,
                            beast::bind_front_handler(&Session::OnHeader, shared_from_this()));
  }

  // The admin endpoints take whole state documents: a larger body limit than the AWS API.
  void OnHeader(beast::error_code ec, std::size_t) {
    if (ec) return OnRead(ec, 0);
    if (!std::string_view(parser_->get().target()).starts_with("/iamlite/")) {
      auto declared = parser_->content_length();
      if (declared && *declared > opts_.body_limit) return OnRead(http::error::body_limit, 0);
      parser_->body_limit(opts_.body_limit);  // what is left for a chunked body
    }
    http::async_read(stream_, buffer_, *parser_,
                     beast::bind_front_handler(&Session::OnRead, shared_from_this()));
  }

  void OnRead(beast::error_code ec, std::size_t) {
    waiting_ = false;
    stop_timer_.cancel();
    if (ec == asio::error::operation_aborted || ec == asio::error::bad_descriptor)
      return;  // closed by Stop()
    if (ec == http::error::end_of_stream || ec == beast::error::timeout ||
        ec == asio::error::connection_reset || ec == asio::error::eof)
      return Close();
    if (ec == http::error::body_limit)
      return SendPlain(http::status::payload_too_large, "Request body exceeds the 1 MiB limit.");
    if (ec == http::error::header_limit)
      return SendPlain(http::status::request_header_fields_too_large,
                       "Request headers exceed the 16 KiB limit.");
    if (ec) return SendPlain(http::status::bad_request, "Malformed HTTP request.");

    auto& req = parser_->get();
    HttpRequest in;
    in.method = std::string(req.method_string());
    in.target = std::string(req.target());
    for (const auto& f : req) {
      std::string name(f.name_string());
      for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      in.headers.emplace_back(std::move(name), std::string(f.value()));
    }
    in.body = std::move(req.body());
    beast::error_code ep_ec;
    auto ep = stream_.socket().remote_endpoint(ep_ec);
    if (!ep_ec) in.remote_ip = ep.address().to_string();

    HttpResponse out = app_.Handle(in);
    auto res = std::make_shared<http::response<http::string_body>>(
        static_cast<http::status>(out.status), req.version());
    res->set(http::field::server, "iamlite");
    res->set(http::field::content_type, out.content_type);
    for (const auto& [name, value] : out.headers) res->insert(name, value);
    // During a graceful stop this is the connection's last response.
    const bool keep_alive = req.keep_alive() && !life_->stopping;
    res->keep_alive(keep_alive);
    if (in.method != "HEAD") res->body() = std::move(out.body);
    res->prepare_payload();
    Write(res, !keep_alive);
  }

  void SendPlain(http::status status, const std::string& text) {
    auto res = std::make_shared<http::response<http::string_body>>(status, 11);
    res->set(http::field::server, "iamlite");
    res->set(http::field::content_type, "text/plain");
    res->keep_alive(false);
    res->body() = text + "\n";
    res->prepare_payload();
    Write(res, true);
  }

  void Write(std::shared_ptr<http::response<http::string_body>> res, bool close) {
    stream_.expires_after(std::chrono::seconds(opts_.idle_timeout_seconds));
    http::async_write(stream_, *res,
                      [self = shared_from_this(), res, close](beast::error_code ec, std::size_t) {
                        if (ec || close || self->life_->stopping) return self->Close();
                        self->DoRead();
                      });
  }

  void Close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    // Lingering close: read and discard what the client is still sending (say the rest of
    // a body over the limit) for a short while, so the kernel does not answer it with a
    // reset that would destroy our response before the client reads it.
    stream_.expires_after(std::chrono::seconds(2));
    Drain();
  }

  void Drain() {
    stream_.async_read_some(asio::buffer(scratch_),
                            [self = shared_from_this()](beast::error_code ec, std::size_t n) {
                              self->drained_ += n;
                              if (ec || self->drained_ > kMaxDrain) {
                                beast::error_code ignored;
                                self->stream_.socket().close(ignored);
                                return;
                              }
                              self->Drain();
                            });
  }

  static constexpr std::size_t kMaxDrain = 8 << 20;
  static constexpr int kStopReadSeconds = 2;
  std::array<char, 16384> scratch_{};
  std::size_t drained_ = 0;

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  App& app_;
  const ServerOptions& opts_;
  std::shared_ptr<Lifecycle> life_;
  bool waiting_ = false;  // a read of the next request is pending
  asio::steady_timer stop_timer_{stream_.get_executor()};
};

class Listener : public std::enable_shared_from_this<Listener> {
 public:
  Listener(asio::io_context& ioc, tcp::acceptor acceptor, App& app, const ServerOptions& opts,
           std::shared_ptr<Lifecycle> life)
      : ioc_(ioc), acceptor_(std::move(acceptor)), app_(app), opts_(opts), life_(std::move(life)) {}

  void Accept() {
    acceptor_.async_accept(asio::make_strand(ioc_),
                           beast::bind_front_handler(&Listener::OnAccept, shared_from_this()));
  }

  void Stop() {
    beast::error_code ec;
    acceptor_.close(ec);
  }

 private:
  void OnAccept(beast::error_code ec, tcp::socket socket) {
    if (ec == asio::error::operation_aborted || life_->stopping) return;
    if (!ec) {
      socket.set_option(tcp::no_delay(true), ec);
      std::make_shared<Session>(std::move(socket), app_, opts_, life_)->Start();
    }
    Accept();
  }

  asio::io_context& ioc_;
  tcp::acceptor acceptor_;
  App& app_;
  const ServerOptions& opts_;
  std::shared_ptr<Lifecycle> life_;
};

}  // namespace

int Serve(App& app, const ServerOptions& opts, const std::function<void(std::uint16_t)>& on_ready) {
  int threads = opts.threads > 0
                    ? opts.threads
                    : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  asio::io_context ioc(threads);
  beast::error_code ec;
  auto address = asio::ip::make_address(opts.host, ec);
  if (ec) {
    std::cerr << "iamlite: bad --host " << opts.host << ": " << ec.message() << "\n";
    return 2;
  }
  tcp::acceptor acceptor(ioc);
  tcp::endpoint endpoint(address, opts.port);
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    std::cerr << "iamlite: cannot listen on " << opts.host << ":" << opts.port << ": "
              << ec.message() << "\n";
    return 1;
  }
  std::uint16_t port = acceptor.local_endpoint().port();
  auto life = std::make_shared<Lifecycle>(ioc);
  auto listener = std::make_shared<Listener>(ioc, std::move(acceptor), app, opts, life);
  listener->Accept();

  // SIGINT/SIGTERM: stop accepting, let requests in progress finish, then return. A
  // connection still busy after drain_timeout_seconds is abandoned.
  asio::signal_set signals(ioc, SIGINT, SIGTERM);
  asio::steady_timer deadline(ioc);
  signals.async_wait([&](beast::error_code signal_ec, int) {
    if (signal_ec) return;
    life->stopping = true;
    listener->Stop();
    std::vector<std::shared_ptr<Session>> sessions;
    {
      std::lock_guard lock(life->mu);
      for (auto& w : life->sessions)
        if (auto s = w.lock()) sessions.push_back(std::move(s));
    }
    for (auto& s : sessions) s->Stop();
    sessions.clear();
    if (life->live == 0) ioc.stop();
    deadline.expires_after(std::chrono::seconds(opts.drain_timeout_seconds));
    deadline.async_wait([&](beast::error_code wait_ec) {
      if (!wait_ec) ioc.stop();
    });
  });
  on_ready(port);

  std::vector<std::thread> pool;
  for (int i = 1; i < threads; ++i) pool.emplace_back([&] { ioc.run(); });
  ioc.run();
  for (auto& t : pool) t.join();
  life->ioc = nullptr;  // handlers destroyed with the io_context must not stop it
  return 0;
}

}  // namespace iamlite
