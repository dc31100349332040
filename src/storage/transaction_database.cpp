#include "storage/transaction_database.hpp"

namespace lt::storage {

Status TransactionDatabase::Write(const Work& work) {
  if (in_write_) return RunInsideWrite(work);
  in_write_ = true;
  write_failure_.reset();
  Status written = connection_.RunNested([&](Connection& connection) -> Status {
    Status status = work(connection);
    if (status.ok() && write_failure_) return *write_failure_;
    return status;
  });
  in_write_ = false;
  write_failure_.reset();
  return written;
}

Status TransactionDatabase::Read(const Work& work) {
  if (in_write_) return RunInsideWrite(work);
  return connection_.RunNestedRead(work);
}

Status TransactionDatabase::RunInsideWrite(const Work& work) {
  // After a failure the write is lost anyway (on PostgreSQL its
  // transaction is aborted until the write's savepoint is rolled back).
  if (write_failure_) return *write_failure_;
  Status status = RunGuarded(work, connection_);
  if (!status.ok()) write_failure_ = status.error();
  return status;
}

Status TransactionDatabase::Backup(const std::string&) {
  // A snapshot taken inside a transaction would hold what may still roll back.
  return Error::Internal("no backup from inside a transaction");
}

}  // namespace lt::storage
