#pragma once

// Storing e-mail that has been read: the messages of a batch placed on their
// cases (the rules of mail_intake.hpp) and written together, with a
// statement per table for all of them rather than a few dozen per message
// (PostgreSQL's cost is per statement far more than per row). What the store
// knew before the batch is read for all its messages at once; each message
// then sees the ones before it in the batch as if they had been stored
// one by one.

#include <span>
#include <vector>

#include "app/app_context.hpp"
#include "app/mail_intake.hpp"
#include "app/store_access.hpp"
#include "base/result.hpp"

namespace lt::app {

// Files `mails`, in order, in the caller's write transaction on
// `connection`. Their parts must be on disk already
// (IncomingMail::stored_parts, see ReadMailBatch). Any error is the
// store's, and leaves the transaction to be undone: the caller tries the
// messages again one by one to find the one that fails.
Result<std::vector<IngestedMail>> FileMails(AppContext& context, storage::Connection& connection,
                                            std::span<const IncomingMail* const> mails);

}  // namespace lt::app
