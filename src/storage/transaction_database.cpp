#include "storage/transaction_database.hpp"

namespace lt::storage {

Status TransactionDatabase::Backup(const std::string&) {
  // A snapshot taken inside a transaction would hold what may still roll back.
  return Error::Internal("no backup from inside a transaction");
}

}  // namespace lt::storage
