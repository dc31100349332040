#include "storage/database.hpp"

namespace lt::storage {

Status RunGuarded(const Database::Work& work, Connection& connection) {
  try {
    return work(connection);
  } catch (const std::exception& exception) {
    return Error::Internal(std::string("exception in store work: ") + exception.what());
  }
}

}  // namespace lt::storage
