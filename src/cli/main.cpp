// lingting: the server and its command line.

#include "cli/commands.hpp"

int main(int argc, char** argv) { return lt::cli::Main(argc, argv); }
