// Exchange simulator and order client on QuickFIX C++ (Debian libquickfix-dev 1.15), the real FIX
// peer of TradeX.Fix's interop tests. The tests compile this file with g++ during the run.
//
//   fixsim <settings-file> acceptor|initiator [echo] [raw]
//
// Exchange role (any mode): every NewOrderSingle is answered by Symbol:
//   REJ    -> ExecutionReport rejected          REST  -> New only (rests, for cancel/replace)
//   PART   -> New, partial fill, final fill      BURST -> New, then OrderQty fills of 1, 5 ms apart
//   FLOOD  -> New, then OrderQty fills of 1 back to back (as fast as the socket takes them)
//   other  -> New, full fill
// OrderCancelRequest / OrderCancelReplaceRequest on a resting order -> Canceled / Replaced; on an
// unknown one -> OrderCancelReject.
// Client role: commands on stdin (one a line):
//   order <ClOrdID> <Symbol> <Side> <Qty> <Price>   send a NewOrderSingle
//   garble                                         send deliberately invalid messages, then a valid one
//   seqreset <N>                                   send SequenceReset-Reset to N and continue from N
//   logout | status | quit
//   resend <BeginSeqNo> <EndSeqNo>                 send a ResendRequest
//   garblenext checksum|bodylength|fieldorder      (raw) the next application message leaves garbled on the
//                                                  wire; QuickFIX stores it intact, so a resend repairs it
// Options: echo -> the conformance tests' echo server instead of the exchange: a NewOrderSingle is sent back
// with its body, any other application message is unsupported (BusinessMessageReject 380=3).
// raw -> initiator on the simulator's own socket (as the acceptor mode), so garblenext can corrupt bytes.
// Everything received and sent is printed on stdout, one event a line, for the tests to read:
//   READY, LOGON, LOGOUT, FROMADMIN <msg>, FROMAPP <msg>, TOADMIN <msg>, TOAPP <msg>, STATUS ...
// Messages are printed with SOH shown as '|'.
//
// Why an own loopback listener in acceptor mode: QuickFIX 1.15's SocketAcceptor listens on every
// interface and has no setting to bind one address, so the simulator binds SocketAcceptHost itself
// and drives the QuickFIX Session through its Responder interface.
#include <quickfix/Application.h>
#include <quickfix/FileLog.h>
#include <quickfix/FileStore.h>
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
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace {

std::recursive_mutex g_fix;  // every call into a QuickFIX Session from our threads
std::mutex g_print;

void print(const std::string& line) {
  std::lock_guard<std::mutex> lock(g_print);
  std::cout << line << std::endl;
}

std::string visible(const std::string& raw) {
  std::string s = raw;
  std::replace(s.begin(), s.end(), '\x01', '|');
  return s;
}

std::string field(const FIX::FieldMap& m, int tag) {
  return m.isSetField(tag) ? m.getField(tag) : std::string();
}

bool g_echo = false;  // option echo

// The bytes of the next application message are corrupted on the wire (option raw, command garblenext).
std::mutex g_garbleLock;
std::string g_garbleNext;

struct Order {
  std::string clOrdId, orderId, symbol, side;
  long qty = 0, cum = 0;
  std::string price;
  bool open = false;
};

class Simulator : public FIX::Application {
 public:
  FIX::SessionID session;
  std::atomic<bool> loggedOn{false};

  void onCreate(const FIX::SessionID& id) override { session = id; }
  void onLogon(const FIX::SessionID&) override { loggedOn = true; print("LOGON"); }
  void onLogout(const FIX::SessionID&) override { loggedOn = false; print("LOGOUT"); }
  void toAdmin(FIX::Message& m, const FIX::SessionID&) override { print("TOADMIN " + visible(m.toString())); }
  void toApp(FIX::Message& m, const FIX::SessionID&) throw(FIX::DoNotSend) override { print("TOAPP " + visible(m.toString())); }
  void fromAdmin(const FIX::Message& m, const FIX::SessionID&)
      throw(FIX::FieldNotFound, FIX::IncorrectDataFormat, FIX::IncorrectTagValue, FIX::RejectLogon) override {
    print("FROMADMIN " + visible(m.toString()));
  }
  void fromApp(const FIX::Message& m, const FIX::SessionID&)
      throw(FIX::FieldNotFound, FIX::IncorrectDataFormat, FIX::IncorrectTagValue, FIX::UnsupportedMessageType) override {
    print("FROMAPP " + visible(m.toString()));
    const std::string type = m.getHeader().getField(35);
    if (g_echo) {
      echo(m, type);
      return;
    }
    if (type == "D") onNewOrder(m);
    else if (type == "F") onCancel(m, false);
    else if (type == "G") onCancel(m, true);
  }

  void send(FIX::Message& m) {
    std::lock_guard<std::recursive_mutex> lock(g_fix);
    FIX::Session::sendToTarget(m, session);
  }

  // Option echo: a NewOrderSingle goes back with its body fields (QuickFIX keeps them in ascending tag order),
  // a fresh header; anything else is refused as unsupported.
  void echo(const FIX::Message& m, const std::string& type) {
    if (type != "D") throw FIX::UnsupportedMessageType();
    FIX::Message copy;
    copy.getHeader().setField(35, "D");
    for (FIX::FieldMap::const_iterator it = m.begin(); it != m.end(); ++it) copy.setField(*it);
    send(copy);
  }

  FIX::Message executionReport(const Order& o, const std::string& execType, const std::string& ordStatus,
                               long lastQty, const std::string& clOrdId) {
    FIX::Message er;
    er.getHeader().setField(35, "8");
    er.setField(37, o.orderId);
    er.setField(11, clOrdId);
    er.setField(17, "E" + std::to_string(++execIds_));
    er.setField(150, execType);
    er.setField(39, ordStatus);
    er.setField(55, o.symbol);
    er.setField(54, o.side);
    er.setField(38, std::to_string(o.qty));
    er.setField(151, std::to_string(o.open ? o.qty - o.cum : 0));
    er.setField(14, std::to_string(o.cum));
    er.setField(6, o.cum > 0 ? o.price : "0");
    if (lastQty > 0) {
      er.setField(32, std::to_string(lastQty));
      er.setField(31, o.price);
    }
    er.setField(60, FIX::UtcTimeStampConvertor::convert(FIX::UtcTimeStamp(), 3));
    return er;
  }

  void fill(Order& o, long qty) {
    o.cum += qty;
    if (o.cum >= o.qty) o.open = false;
    auto er = executionReport(o, "F", o.cum >= o.qty ? "2" : "1", qty, o.clOrdId);
    send(er);
  }

  void onNewOrder(const FIX::Message& m) {
    std::lock_guard<std::recursive_mutex> lock(g_fix);
    Order o;
    o.clOrdId = field(m, 11);
    o.orderId = "O" + std::to_string(++orderIds_);
    o.symbol = field(m, 55);
    o.side = field(m, 54);
    o.qty = std::stol(field(m, 38));
    o.price = m.isSetField(44) ? field(m, 44) : "100";
    o.open = true;
    if (o.symbol == "REJ") {
      o.open = false;
      auto er = executionReport(o, "8", "8", 0, o.clOrdId);
      er.setField(103, "0");
      er.setField(58, "rejected by simulator");
      send(er);
      return;
    }
    auto ack = executionReport(o, "0", "0", 0, o.clOrdId);
    send(ack);
    orders_[o.clOrdId] = o;
    Order& stored = orders_[o.clOrdId];
    if (o.symbol == "REST") return;
    if (o.symbol == "PART") {
      fill(stored, o.qty / 2);
      fill(stored, o.qty - o.qty / 2);
    } else if (o.symbol == "FLOOD") {
      for (long i = 0; i < o.qty; i++) fill(stored, 1);
    } else if (o.symbol == "BURST") {
      std::string id = o.clOrdId;
      std::thread([this, id]() {
        for (;;) {
          std::this_thread::sleep_for(std::chrono::milliseconds(5));
          std::lock_guard<std::recursive_mutex> l(g_fix);
          Order& b = orders_[id];
          if (!b.open) return;
          fill(b, 1);
        }
      }).detach();
    } else {
      fill(stored, o.qty);
    }
  }

  void onCancel(const FIX::Message& m, bool replace) {
    std::lock_guard<std::recursive_mutex> lock(g_fix);
    const std::string orig = field(m, 41), clOrdId = field(m, 11);
    auto it = orders_.find(orig);
    if (it == orders_.end() || !it->second.open) {
      FIX::Message rej;
      rej.getHeader().setField(35, "9");
      rej.setField(37, it == orders_.end() ? "NONE" : it->second.orderId);
      rej.setField(11, clOrdId);
      rej.setField(41, orig);
      rej.setField(39, it == orders_.end() ? "8" : "2");
      rej.setField(434, replace ? "2" : "1");
      rej.setField(102, "1");
      rej.setField(58, "unknown order");
      send(rej);
      return;
    }
    Order o = it->second;
    orders_.erase(it);
    if (replace) {
      o.qty = std::stol(field(m, 38));
      if (m.isSetField(44)) o.price = field(m, 44);
      o.clOrdId = clOrdId;
      auto er = executionReport(o, "5", "0", 0, clOrdId);
      er.setField(41, orig);
      orders_[clOrdId] = o;
      send(er);
    } else {
      o.open = false;
      auto er = executionReport(o, "4", "4", 0, clOrdId);
      er.setField(41, orig);
      send(er);
    }
  }

  // Invalid on purpose: each must be answered with a Reject or BusinessMessageReject, the session staying up.
  void garble() {
    std::lock_guard<std::recursive_mutex> lock(g_fix);
    Order o;
    o.clOrdId = "G1"; o.orderId = "OG"; o.symbol = "GARB"; o.side = "1"; o.qty = 10; o.price = "1"; o.open = true;
    auto badEnum = executionReport(o, "Z", "0", 0, "G1");            // ExecType Z: value out of range
    send(badEnum);
    auto missing = executionReport(o, "0", "0", 0, "G2");            // ExecID removed: required tag missing
    missing.removeField(17);
    send(missing);
    auto badFormat = executionReport(o, "0", "0", 0, "G3");          // OrderQty not a number
    badFormat.setField(38, "ten");
    send(badFormat);
    FIX::Message news;                                              // valid FIX, not handled by a venue session
    news.getHeader().setField(35, "B");
    news.setField(148, "headline");
    FIX::Group line(33, 58);
    line.setField(58, "text");
    news.addGroup(line);
    send(news);
    auto ok = executionReport(o, "0", "0", 0, "GOK");                // and the session still works
    send(ok);
  }

  void sendOrder(const std::string& id, const std::string& symbol, const std::string& side, const std::string& qty,
                 const std::string& price) {
    FIX::Message nos;
    nos.getHeader().setField(35, "D");
    nos.setField(11, id);
    nos.setField(21, "1");
    nos.setField(55, symbol);
    nos.setField(54, side);
    nos.setField(60, FIX::UtcTimeStampConvertor::convert(FIX::UtcTimeStamp(), 3));
    nos.setField(38, qty);
    nos.setField(40, "2");
    nos.setField(44, price);
    send(nos);
  }

 private:
  std::map<std::string, Order> orders_;
  long execIds_ = 0, orderIds_ = 0;
};

// Hands a QuickFIX Session the bytes of one accepted socket.
class SocketResponder : public FIX::Responder {
 public:
  explicit SocketResponder(int fd) : fd_(fd) {}
  bool send(const std::string& original) override {
    const std::string s = garbled(original);
    size_t sent = 0;
    while (sent < s.size()) {
      ssize_t n = ::send(fd_, s.data() + sent, s.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) return false;
      sent += static_cast<size_t>(n);
    }
    return true;
  }
  void disconnect() override { ::shutdown(fd_, SHUT_RDWR); closed_ = true; }
  bool closed() const { return closed_; }

  // garblenext: the first application message (not 0,1,2,3,4,5,A) after the command leaves corrupted.
  static std::string garbled(const std::string& s) {
    std::lock_guard<std::mutex> lock(g_garbleLock);
    if (g_garbleNext.empty()) return s;
    size_t type = s.find("\x01" "35=");
    if (type == std::string::npos || std::string("012345A").find(s[type + 4]) != std::string::npos) return s;
    std::string out = s;
    size_t length = s.find("\x01" "9=");
    if (g_garbleNext == "checksum") {
      size_t last = out.size() - 2;  // the last CheckSum digit, before the final SOH
      out[last] = out[last] == '9' ? '0' : static_cast<char>(out[last] + 1);
    } else if (g_garbleNext == "bodylength") {
      int n = std::stoi(out.substr(length + 3));
      out.replace(length + 3, std::to_string(n).size(), std::to_string(n - 3));
    } else if (g_garbleNext == "fieldorder") {
      std::string bodyLength = out.substr(length + 1, type - length);        // "9=nn<SOH>"
      size_t typeEnd = out.find('\x01', type + 1);
      std::string msgType = out.substr(type + 1, typeEnd - type);            // "35=X<SOH>"
      out.replace(length + 1, typeEnd - length, msgType + bodyLength);
    }
    print("GARBLED " + g_garbleNext + " " + visible(out));
    g_garbleNext.clear();
    return out;
  }

 private:
  int fd_;
  std::atomic<bool> closed_{false};
};

std::atomic<bool> g_stop{false};

// Feeds a QuickFIX Session the bytes of one connected socket (and its timer) until either side closes it.
void pump(FIX::Session* session, SocketResponder& responder, int fd) {
  FIX::Parser parser;
  char buffer[65536];
  while (!g_stop && !responder.closed()) {
    pollfd p{fd, POLLIN, 0};
    int ready = ::poll(&p, 1, 50);
    std::lock_guard<std::recursive_mutex> lock(g_fix);
    if (ready <= 0) { session->next(); continue; }
    ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
    if (n <= 0) break;
    parser.addToStream(buffer, static_cast<size_t>(n));
    // As QuickFIX's own SocketConnection: a frame the parser cannot split, or a garbled one the Session
    // refuses, is dropped and the rest of the stream read on (not left waiting for the next bytes).
    for (int errors = 0; errors < 100;) {  // the parser drops what it cannot split: a bound, not a loop
      std::string msg;
      try {
        if (!parser.readFixMessage(msg)) break;
      } catch (std::exception& e) {
        print(std::string("PARSEERROR ") + e.what());
        errors++;
        continue;
      }
      try {
        session->next(msg, FIX::UtcTimeStamp());
      } catch (std::exception& e) {
        print(std::string("INVALID ") + e.what());
      }
    }
  }
  {
    std::lock_guard<std::recursive_mutex> lock(g_fix);
    if (session->isLoggedOn() || !responder.closed()) session->disconnect();
    session->setResponder(nullptr);
  }
  ::close(fd);
}

// Option raw: the initiator on our own socket, reconnecting every ReconnectInterval, so that garblenext can
// corrupt what QuickFIX writes.
void serveInitiator(FIX::Session* session, const std::string& host, int port, int reconnectSeconds) {
  print("READY");
  while (!g_stop) {
    bool enabled;
    {
      std::lock_guard<std::recursive_mutex> lock(g_fix);
      enabled = session->isEnabled();  // as SocketInitiator: no reconnect after our own logout
    }
    if (!enabled) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      continue;
    }
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    ::inet_pton(AF_INET, host.c_str(), &addr.sin_addr);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
      ::close(fd);
      for (int i = 0; i < reconnectSeconds * 10 && !g_stop; i++) std::this_thread::sleep_for(std::chrono::milliseconds(100));
      continue;
    }
    int yes = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
    SocketResponder responder(fd);
    {
      std::lock_guard<std::recursive_mutex> lock(g_fix);
      session->setResponder(&responder);
      session->next();  // sends the Logon
    }
    pump(session, responder, fd);
    for (int i = 0; i < reconnectSeconds * 10 && !g_stop; i++) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

void serveAcceptor(Simulator& app, FIX::Session* session, const std::string& host, int port) {
  int listener = ::socket(AF_INET, SOCK_STREAM, 0);
  int yes = 1;
  ::setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  ::inet_pton(AF_INET, host.c_str(), &addr.sin_addr);
  if (::bind(listener, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(listener, 4) != 0) {
    print("ERROR cannot listen on " + host + ":" + std::to_string(port));
    std::exit(2);
  }
  print("READY");
  while (!g_stop) {
    pollfd lp{listener, POLLIN, 0};
    if (::poll(&lp, 1, 100) <= 0) {
      std::lock_guard<std::recursive_mutex> lock(g_fix);
      session->next();
      continue;
    }
    int fd = ::accept(listener, nullptr, nullptr);
    if (fd < 0) continue;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
    SocketResponder responder(fd);
    {
      std::lock_guard<std::recursive_mutex> lock(g_fix);
      // A QuickFIX session stays disabled after logout(); an exchange takes the next Logon again.
      if (!session->isEnabled()) session->logon();
      session->setResponder(&responder);
    }
    pump(session, responder, fd);
    (void)app;
  }
  ::close(listener);
}

void commands(Simulator& app) {
  std::string line;
  while (std::getline(std::cin, line)) {
    std::istringstream in(line);
    std::string cmd;
    in >> cmd;
    try {
      if (cmd == "order") {
        std::string id, symbol, side, qty, price;
        in >> id >> symbol >> side >> qty >> price;
        app.sendOrder(id, symbol, side, qty, price);
      } else if (cmd == "garble") {
        app.garble();
      } else if (cmd == "seqreset") {
        int next = 0;
        in >> next;
        std::lock_guard<std::recursive_mutex> lock(g_fix);
        FIX::Message reset;
        reset.getHeader().setField(35, "4");
        reset.setField(36, std::to_string(next));
        FIX::Session::sendToTarget(reset, app.session);
        FIX::Session::lookupSession(app.session)->setNextSenderMsgSeqNum(next);
        print("SEQRESET " + std::to_string(next));
      } else if (cmd == "resend") {
        std::string begin, end;
        in >> begin >> end;
        FIX::Message request;
        request.getHeader().setField(35, "2");
        request.setField(7, begin);
        request.setField(16, end);
        app.send(request);
      } else if (cmd == "garblenext") {
        std::lock_guard<std::mutex> lock(g_garbleLock);
        in >> g_garbleNext;
      } else if (cmd == "logout") {
        std::lock_guard<std::recursive_mutex> lock(g_fix);
        FIX::Session::lookupSession(app.session)->logout("simulator logout");
      } else if (cmd == "status") {
        std::lock_guard<std::recursive_mutex> lock(g_fix);
        auto* s = FIX::Session::lookupSession(app.session);
        print("STATUS loggedon=" + std::to_string(s->isLoggedOn() ? 1 : 0) + " nextsender=" +
              std::to_string(s->getExpectedSenderNum()) + " nexttarget=" + std::to_string(s->getExpectedTargetNum()));
      } else if (cmd == "quit") {
        break;
      }
    } catch (std::exception& e) {
      print(std::string("ERROR ") + e.what());
    }
  }
  g_stop = true;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: fixsim <settings-file> acceptor|initiator [echo] [raw]" << std::endl;
    return 64;
  }
  bool raw = false;
  for (int i = 3; i < argc; i++) {
    if (std::string(argv[i]) == "echo") g_echo = true;
    else if (std::string(argv[i]) == "raw") raw = true;
  }
  try {
    FIX::SessionSettings settings(argv[1]);
    Simulator app;
    FIX::FileStoreFactory stores(settings);
    FIX::FileLogFactory logs(settings);
    if (std::string(argv[2]) == "initiator" && raw) {
      const FIX::SessionID id = *settings.getSessions().begin();
      const FIX::Dictionary& dict = settings.get(id);
      FIX::SessionFactory factory(app, stores, &logs);
      FIX::Session* session = factory.create(id, dict);
      int reconnect = dict.has("ReconnectInterval") ? dict.getInt("ReconnectInterval") : 30;
      std::thread client([&]() {
        serveInitiator(session, dict.getString("SocketConnectHost"), dict.getInt("SocketConnectPort"), reconnect);
      });
      commands(app);
      client.join();
      {
        std::lock_guard<std::recursive_mutex> lock(g_fix);
        if (session->isLoggedOn()) session->logout("simulator stopping");
      }
      factory.destroy(session);
    } else if (std::string(argv[2]) == "initiator") {
      FIX::SocketInitiator initiator(app, stores, settings, logs);
      initiator.start();
      print("READY");
      commands(app);
      initiator.stop();
    } else {
      const FIX::SessionID id = *settings.getSessions().begin();
      const FIX::Dictionary& dict = settings.get(id);
      FIX::SessionFactory factory(app, stores, &logs);
      FIX::Session* session = factory.create(id, dict);
      std::string host = dict.has("SocketAcceptHost") ? dict.getString("SocketAcceptHost") : "127.0.0.1";
      int port = dict.getInt("SocketAcceptPort");
      std::thread server([&]() { serveAcceptor(app, session, host, port); });
      commands(app);
      server.join();
      {
        std::lock_guard<std::recursive_mutex> lock(g_fix);
        if (session->isLoggedOn()) session->logout("simulator stopping");
      }
      factory.destroy(session);
    }
  } catch (std::exception& e) {
    print(std::string("ERROR ") + e.what());
    return 1;
  }
  print("EXIT");
  return 0;
}
