// QuickFIX C++ (Debian libquickfix-dev 1.15) measured doing what TradeX.Fix's benchmarks do, on the
// same machine, so bench/RESULTS.md can state the ratio. Built and run by bench/quickfix/run.sh.
//
//   qfbench parse  <FIX44.xml> <iterations>   parse + validate a NewOrderSingle (ns/op)
//   qfbench build  <iterations>               build + serialize a 20-field ExecutionReport (ns/op)
//   qfbench server <settings>                 exchange: NewOrderSingle -> ExecutionReport New + Fill
//   qfbench client <settings> <warmup> <n>   one order in flight: NewOrderSingle -> Fill, p50/p99 (us)
//
// The server binds SocketAcceptHost itself (QuickFIX 1.15's acceptor would listen on every interface)
// and feeds the QuickFIX Session through its Responder interface. Both ends use memory stores.
#include <quickfix/Application.h>
#include <quickfix/DataDictionary.h>
#include <quickfix/Message.h>
#include <quickfix/MessageStore.h>
#include <quickfix/Parser.h>
#include <quickfix/Session.h>
#include <quickfix/SessionFactory.h>
#include <quickfix/SessionSettings.h>
#include <quickfix/SocketInitiator.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <iostream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

double nsPerOp(Clock::time_point start, Clock::time_point end, long n) {
  return std::chrono::duration<double, std::nano>(end - start).count() / n;
}

std::string newOrderSingle() {
  // The same message as TradeX.Bench's FixParseValidateBenchmarks.
  FIX::Message m;
  m.getHeader().setField(8, "FIX.4.4");
  m.getHeader().setField(35, "D");
  m.getHeader().setField(49, "CLIENT");
  m.getHeader().setField(56, "TRADEX");
  m.getHeader().setField(34, "1234");
  m.getHeader().setField(52, "20260105-10:00:00.000");
  m.setField(11, "ORD-100001");
  m.setField(1, "ACC-7");
  m.setField(21, "1");
  m.setField(55, "IBM");
  m.setField(54, "1");
  m.setField(60, "20260105-10:00:00.000");
  m.setField(38, "100");
  m.setField(40, "2");
  m.setField(44, "123.45");
  m.setField(59, "0");
  return m.toString();
}

int benchParse(const char* dictionary, long n) {
  FIX::DataDictionary dd(dictionary);
  const std::string wire = newOrderSingle();
  long ok = 0;
  for (long i = 0; i < n / 10; i++) {  // warm-up
    FIX::Message m(wire, dd, true);
    dd.validate(m);
    ok++;
  }
  double best = 1e18;
  for (int round = 0; round < 5; round++) {
    auto start = Clock::now();
    for (long i = 0; i < n; i++) {
      FIX::Message m(wire, dd, true);  // parse, checks BodyLength/CheckSum, groups by dictionary
      dd.validate(m);                  // types, enums, required fields
      ok++;
    }
    best = std::min(best, nsPerOp(start, Clock::now(), n));
  }
  std::printf("quickfix parse+validate NewOrderSingle: %.0f ns/op (best of 5 x %ld, %ld ok)\n", best, n, ok);
  std::fflush(stdout);
  return 0;
}

int benchBuild(long n) {
  long bytes = 0;
  double best = 1e18;
  for (int round = 0; round < 6; round++) {
    auto start = Clock::now();
    for (long i = 0; i < n; i++) {
      FIX::Message er;
      FIX::Header& h = er.getHeader();
      h.setField(8, "FIX.4.4");
      h.setField(35, "8");
      h.setField(49, "EXCH");
      h.setField(56, "TRADEX");
      h.setField(FIX::MsgSeqNum(static_cast<int>(i + 1)));
      h.setField(FIX::SendingTime(FIX::UtcTimeStamp(), 3));
      er.setField(37, "O-1000001");
      er.setField(11, "C-2000001");
      er.setField(FIX::ExecID(std::to_string(i)));
      er.setField(FIX::ExecType('F'));
      er.setField(FIX::OrdStatus('1'));
      er.setField(1, "ACC-7");
      er.setField(55, "IBM");
      er.setField(FIX::Side('1'));
      er.setField(FIX::OrderQty(1000));
      er.setField(FIX::OrdType('2'));
      er.setField(FIX::Price(123.45));
      er.setField(FIX::TimeInForce('0'));
      er.setField(FIX::LastQty(100));
      er.setField(FIX::LastPx(123.45));
      er.setField(FIX::LeavesQty(900));
      er.setField(FIX::CumQty(100));
      er.setField(FIX::AvgPx(123.45));
      er.setField(FIX::TransactTime(FIX::UtcTimeStamp(), 3));
      er.setField(15, "USD");
      er.setField(58, "partial fill");
      bytes += static_cast<long>(er.toString().size());  // BodyLength and CheckSum computed here
    }
    if (round > 0) best = std::min(best, nsPerOp(start, Clock::now(), n));  // round 0 warms up
  }
  std::printf("quickfix build+serialize 20-field ExecutionReport: %.0f ns/op (best of 5 x %ld, %ld bytes)\n", best, n, bytes);
  std::fflush(stdout);
  return 0;
}

class Exchange : public FIX::Application {
 public:
  FIX::SessionID id;
  void onCreate(const FIX::SessionID& s) override { id = s; }
  void onLogon(const FIX::SessionID&) override {}
  void onLogout(const FIX::SessionID&) override {}
  void toAdmin(FIX::Message&, const FIX::SessionID&) override {}
  void toApp(FIX::Message&, const FIX::SessionID&) throw(FIX::DoNotSend) override {}
  void fromAdmin(const FIX::Message&, const FIX::SessionID&)
      throw(FIX::FieldNotFound, FIX::IncorrectDataFormat, FIX::IncorrectTagValue, FIX::RejectLogon) override {}
  void fromApp(const FIX::Message& m, const FIX::SessionID& s)
      throw(FIX::FieldNotFound, FIX::IncorrectDataFormat, FIX::IncorrectTagValue, FIX::UnsupportedMessageType) override {
    if (m.getHeader().getField(35) != "D") return;
    for (int fill = 0; fill < 2; fill++) {
      FIX::Message er;
      er.getHeader().setField(35, "8");
      er.setField(37, "O1");
      er.setField(11, m.getField(11));
      er.setField(17, std::to_string(++execId_));
      er.setField(150, fill ? "F" : "0");
      er.setField(39, fill ? "2" : "0");
      er.setField(55, m.getField(55));
      er.setField(54, m.getField(54));
      er.setField(38, m.getField(38));
      er.setField(151, fill ? "0" : m.getField(38));
      er.setField(14, fill ? m.getField(38) : "0");
      er.setField(6, fill ? m.getField(44) : "0");
      if (fill) {
        er.setField(32, m.getField(38));
        er.setField(31, m.getField(44));
      }
      FIX::Session::sendToTarget(er, s);
    }
  }

 private:
  long execId_ = 0;
};

class SocketResponder : public FIX::Responder {
 public:
  explicit SocketResponder(int fd) : fd_(fd) {}
  bool send(const std::string& s) override {
    size_t sent = 0;
    while (sent < s.size()) {
      ssize_t n = ::send(fd_, s.data() + sent, s.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) return false;
      sent += static_cast<size_t>(n);
    }
    return true;
  }
  void disconnect() override { ::shutdown(fd_, SHUT_RDWR); closed = true; }
  std::atomic<bool> closed{false};

 private:
  int fd_;
};

int server(const char* settingsPath) {
  FIX::SessionSettings settings(settingsPath);
  Exchange app;
  FIX::MemoryStoreFactory stores;
  FIX::SessionFactory factory(app, stores, nullptr);
  const FIX::SessionID sid = *settings.getSessions().begin();
  const FIX::Dictionary& dict = settings.get(sid);
  FIX::Session* session = factory.create(sid, dict);
  int listener = ::socket(AF_INET, SOCK_STREAM, 0);
  int yes = 1;
  ::setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(dict.getInt("SocketAcceptPort")));
  ::inet_pton(AF_INET, dict.getString("SocketAcceptHost").c_str(), &addr.sin_addr);
  if (::bind(listener, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(listener, 4) != 0) {
    std::perror("bind");
    return 2;
  }
  std::printf("READY\n");
  std::fflush(stdout);
  for (;;) {
    int fd = ::accept(listener, nullptr, nullptr);
    if (fd < 0) continue;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
    SocketResponder responder(fd);
    if (!session->isEnabled()) session->logon();
    session->setResponder(&responder);
    FIX::Parser parser;
    char buffer[65536];
    std::string msg;
    while (!responder.closed) {
      pollfd p{fd, POLLIN, 0};
      if (::poll(&p, 1, 1000) <= 0) { session->next(); continue; }
      ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
      if (n <= 0) break;
      parser.addToStream(buffer, static_cast<size_t>(n));
      try {
        while (parser.readFixMessage(msg)) session->next(msg, FIX::UtcTimeStamp());
      } catch (std::exception& e) {
        std::fprintf(stderr, "parse error: %s\n", e.what());
      }
    }
    session->disconnect();
    session->setResponder(nullptr);
    ::close(fd);
  }
}

// Sends an order, times it until its fill arrives in fromApp, and sends the next one from there: the
// same ping-pong as TradeX.Fix.RoundTrip, no thread hand-off measured.
class Client : public FIX::Application {
 public:
  FIX::SessionID id;
  std::mutex mutex;
  std::condition_variable changed;
  bool loggedOn = false, done = false;
  long warmup = 0, total = 0, sent = 0;
  std::vector<double> micros;
  Clock::time_point start;

  void sendNext() {
    FIX::Message nos;
    nos.getHeader().setField(35, "D");
    nos.setField(11, "C" + std::to_string(sent));
    nos.setField(21, "1");
    nos.setField(55, "IBM");
    nos.setField(54, "1");
    nos.setField(FIX::TransactTime(FIX::UtcTimeStamp(), 3));
    nos.setField(38, "100");
    nos.setField(40, "2");
    nos.setField(44, "123.45");
    start = Clock::now();
    sent++;
    FIX::Session::sendToTarget(nos, id);
  }

  void onCreate(const FIX::SessionID& s) override { id = s; }
  void onLogon(const FIX::SessionID&) override { std::lock_guard<std::mutex> l(mutex); loggedOn = true; changed.notify_all(); }
  void onLogout(const FIX::SessionID&) override {}
  void toAdmin(FIX::Message&, const FIX::SessionID&) override {}
  void toApp(FIX::Message&, const FIX::SessionID&) throw(FIX::DoNotSend) override {}
  void fromAdmin(const FIX::Message&, const FIX::SessionID&)
      throw(FIX::FieldNotFound, FIX::IncorrectDataFormat, FIX::IncorrectTagValue, FIX::RejectLogon) override {}
  void fromApp(const FIX::Message& m, const FIX::SessionID&)
      throw(FIX::FieldNotFound, FIX::IncorrectDataFormat, FIX::IncorrectTagValue, FIX::UnsupportedMessageType) override {
    if (m.getHeader().getField(35) != "8" || m.getField(39) != "2") return;
    double us = std::chrono::duration<double, std::micro>(Clock::now() - start).count();
    if (sent > warmup) micros.push_back(us);
    if (sent < total) {
      sendNext();
    } else {
      std::lock_guard<std::mutex> l(mutex);
      done = true;
      changed.notify_all();
    }
  }
};

int client(const char* settingsPath, long warmup, long n) {
  FIX::SessionSettings settings(settingsPath);
  Client app;
  app.warmup = warmup;
  app.total = warmup + n;
  app.micros.reserve(static_cast<size_t>(n));
  FIX::MemoryStoreFactory stores;
  FIX::SocketInitiator initiator(app, stores, settings);
  initiator.start();
  {
    std::unique_lock<std::mutex> l(app.mutex);
    if (!app.changed.wait_for(l, std::chrono::seconds(30), [&] { return app.loggedOn; })) {
      std::fprintf(stderr, "no logon\n");
      return 3;
    }
  }
  app.sendNext();
  {
    std::unique_lock<std::mutex> l(app.mutex);
    app.changed.wait(l, [&] { return app.done; });
  }
  std::vector<double>& micros = app.micros;
  std::sort(micros.begin(), micros.end());
  auto pct = [&](double p) { return micros[static_cast<size_t>(p * (micros.size() - 1))]; };
  std::printf("quickfix<->quickfix round trip (NewOrderSingle -> fill, one in flight, %ld orders): p50 %.1f us, p99 %.1f us\n", n,
              pct(0.50), pct(0.99));
  std::fflush(stdout);
  initiator.stop();
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string mode = argc > 1 ? argv[1] : "";
  try {
    if (mode == "parse" && argc == 4) return benchParse(argv[2], std::stol(argv[3]));
    if (mode == "build" && argc == 3) return benchBuild(std::stol(argv[2]));
    if (mode == "server" && argc == 3) return server(argv[2]);
    if (mode == "client" && argc == 5) return client(argv[2], std::stol(argv[3]), std::stol(argv[4]));
  } catch (std::exception& e) {
    std::fprintf(stderr, "qfbench: %s\n", e.what());
    return 1;
  }
  std::fprintf(stderr, "usage: qfbench parse <FIX44.xml> <n> | build <n> | server <cfg> | client <cfg> <warmup> <n>\n");
  return 64;
}
