#include "app/references.hpp"

#include "storage/calendar_store.hpp"
#include "storage/connection.hpp"
#include "storage/customer_store.hpp"
#include "storage/directory_store.hpp"

namespace lt::app {

Status CheckReference(storage::Connection& connection, Reference reference,
                      const std::optional<domain::Id>& id, std::string_view field,
                      FieldErrors& errors) {
  if (!id) return Ok();
  storage::DirectoryStore directory(connection);
  bool exists = false;
  std::string_view word;
  switch (reference) {
    case Reference::kDepartment: {
      word = "word.department";
      LT_TRY_ASSIGN(auto found, directory.FindDepartment(*id));
      exists = found.has_value();
      break;
    }
    case Reference::kUser: {
      word = "word.user";
      LT_TRY_ASSIGN(auto found, directory.FindUser(*id));
      exists = found.has_value() && found->active && found->role != domain::Role::kCustomer;
      break;
    }
    case Reference::kCategory: {
      word = "word.category";
      LT_TRY_ASSIGN(auto found, directory.FindCategory(*id));
      exists = found.has_value() && found->active;
      break;
    }
    case Reference::kCalendar: {
      word = "word.calendar";
      LT_TRY_ASSIGN(auto found, storage::CalendarStore(connection).Find(*id));
      exists = found.has_value();
      break;
    }
    case Reference::kCustomer: {
      word = "word.customer";
      storage::CustomerStore customers(connection);
      LT_TRY_ASSIGN(auto found, customers.Find(*id));
      exists = found.has_value();
      break;
    }
  }
  if (!exists) {
    // {what} is itself a message key; the edge translates nested keys.
    errors.Add(std::string(field), "validation.unknown_reference",
               {{"what", "@" + std::string(word)}, {"id", std::to_string(*id)}});
  }
  return Ok();
}

}  // namespace lt::app
