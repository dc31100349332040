#pragma once

#include <string>

#include "storage/database.hpp"

namespace lt::storage {

// A Database inside one write transaction that is already open: so that
// use cases written against Database (each its own Write() calls) can run
// many at once and commit together with the Write() that opened it (a
// batch of e-mail, say: one commit for a hundred messages instead of three
// each). Write() and Read() run their work on that transaction's connection,
// nested (Connection::RunNested, RunNestedRead): a work that fails is undone alone and the
// transaction goes on; a Read() sees what the transaction wrote so far.
// What the works publish (Connection::Notify) goes out when the outer
// transaction commits, and nothing of it when it rolls back. Not
// thread-safe; lives only inside the outer Write()'s work.
class TransactionDatabase final : public Database {
 public:
  // `outer` is the database whose Write() gave `connection`.
  TransactionDatabase(Connection& connection, Database& outer)
      : connection_(connection), outer_(outer) {}

  Status Write(const Work& work) override { return connection_.RunNested(work); }
  Status Read(const Work& work) override { return connection_.RunNestedRead(work); }
  Status Backup(const std::string& path) override;
  Engine engine() const override { return outer_.engine(); }
  std::uint64_t Subscribe(Listener listener) override {
    return outer_.Subscribe(std::move(listener));
  }
  void Unsubscribe(std::uint64_t id) override { outer_.Unsubscribe(id); }
  Stats stats() const override { return outer_.stats(); }

 private:
  Connection& connection_;
  Database& outer_;
};

}  // namespace lt::storage
