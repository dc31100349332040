#include "storage/transaction_database.hpp"

namespace lt::storage {

Status TransactionDatabase::Write(const Work& work) {
  struct Running {
    int& count;
    explicit Running(int& c) : count(c) { ++count; }
    ~Running() { --count; }
    Running(const Running&) = delete;
    Running& operator=(const Running&) = delete;
  } running(writes_running_);
  return connection_.RunNested(work);
}

Status TransactionDatabase::Read(const Work& work) {
  if (writes_running_ > 0) return RunGuarded(work, connection_);
  return connection_.RunNestedRead(work);
}

Status TransactionDatabase::Backup(const std::string&) {
  // A snapshot taken inside a transaction would hold what may still roll back.
  return Error::Internal("no backup from inside a transaction");
}

}  // namespace lt::storage
