#pragma once

// The store types the use cases are given, declared only. Callers above
// app/ (http, cli, jobs) hold them by reference; only app's own sources
// and the wiring include storage/ to use them.

namespace lt::storage {
class AttachmentFiles;
struct ClaimedJob;
class Connection;
class Database;
}  // namespace lt::storage
