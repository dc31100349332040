#pragma once

#include <optional>
#include <string>

#include "storage/database.hpp"

namespace lt::storage {

// A Database inside one write transaction that is already open: so that
// use cases written against Database (each its own Write() calls) can run
// many at once and commit together with the Write() that opened it (a
// batch of e-mail, say: one commit for a hundred messages instead of three
// each). Write() and Read() run their work on that transaction's connection.
// A Write() is nested in the transaction (Connection::RunNested): when it
// fails it is undone alone and the transaction goes on. A Read() sees what
// the transaction wrote so far; on its own it is nested too
// (RunNestedRead), so that a failed read leaves the transaction usable.
// A Write() or Read() inside a Write() (the use cases of one message, say)
// is part of that write and has no savepoint of its own: when it fails, the
// write it is part of fails as a whole, whatever that write's work returns,
// and every later Write() or Read() inside it fails at once.
// What the works publish (Connection::Notify) goes out when the outer
// transaction commits, and nothing of it when it rolls back. Not
// thread-safe; lives only inside the outer Write()'s work.
class TransactionDatabase final : public Database {
 public:
  // `outer` is the database whose Write() gave `connection`.
  TransactionDatabase(Connection& connection, Database& outer)
      : connection_(connection), outer_(outer) {}

  Status Write(const Work& work) override;
  Status Read(const Work& work) override;
  Status Backup(const std::string& path) override;
  Engine engine() const override { return outer_.engine(); }
  std::uint64_t Subscribe(Listener listener) override {
    return outer_.Subscribe(std::move(listener));
  }
  void Unsubscribe(std::uint64_t id) override { outer_.Unsubscribe(id); }
  Stats stats() const override { return outer_.stats(); }

 private:
  // A work inside a Write(): run as part of it, its failure kept.
  Status RunInsideWrite(const Work& work);

  Connection& connection_;
  Database& outer_;
  bool in_write_ = false;
  std::optional<Error> write_failure_;  // of a work inside the running Write()
};

}  // namespace lt::storage
