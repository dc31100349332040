#pragma once

// A whole file read into memory: one fstat for its size, then read(2) into
// a string of that size (a stream read byte by byte costs more than the
// disk here, on mail intake's reading thread).

#include <filesystem>
#include <optional>
#include <string>

namespace lt {

// nullopt when the file cannot be opened or read.
std::optional<std::string> ReadFileContents(const std::filesystem::path& path);

}  // namespace lt
