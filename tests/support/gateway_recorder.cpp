#include "support/gateway_recorder.hpp"

#include <unistd.h>

#include <fstream>
#include <stdexcept>
#include <thread>

namespace lt::test {
namespace {

namespace fs = std::filesystem;
const std::string kScript = std::string(LINGTING_SOURCE_DIR) + "/tests/support/gateway-recorder.py";

}  // namespace

GatewayRecorder::GatewayRecorder() {
  static int started = 0;
  directory_ = fs::temp_directory_path() /
               ("lingting-gateway-" + std::to_string(::getpid()) + "-" + std::to_string(++started));
  fs::remove_all(directory_);
  fs::create_directories(directory_);
  const fs::path port_file = directory_ / "port";
  process_ = std::make_unique<ChildProcess>(
      directory_, "gateway",
      std::vector<std::string>{"/usr/bin/python3", kScript, directory_.string()},
      [port_file] { return fs::exists(port_file); });
  if (!process_->running()) throw std::runtime_error("gateway-recorder.py did not start");
  std::ifstream in(port_file);
  int port = 0;
  in >> port;
  port_ = static_cast<std::uint16_t>(port);
}

GatewayRecorder::~GatewayRecorder() {
  process_.reset();
  std::error_code ignored;
  fs::remove_all(directory_, ignored);
}

std::string GatewayRecorder::Url(const std::string& path) const {
  return "http://127.0.0.1:" + std::to_string(port_) + path;
}

std::vector<nlohmann::json> GatewayRecorder::Requests() const {
  std::vector<nlohmann::json> requests;
  std::ifstream in(directory_ / "requests.jsonl");
  for (std::string line; std::getline(in, line);) {
    auto parsed = nlohmann::json::parse(line, nullptr, false);
    if (!parsed.is_discarded()) requests.push_back(std::move(parsed));
  }
  return requests;
}

void GatewayRecorder::AddWechatMedia(const std::string& media_id, const std::string& content_type,
                                     const std::string& content) const {
  const auto media = directory_ / "media";
  std::filesystem::create_directories(media);
  std::ofstream(media / media_id, std::ios::binary) << content;
  // The type last: the recorder serves a file once its type is there.
  std::ofstream(media / (media_id + ".type.tmp")) << content_type;
  std::filesystem::rename(media / (media_id + ".type.tmp"), media / (media_id + ".type"));
}

std::vector<nlohmann::json> GatewayRecorder::WaitForRequests(std::size_t count,
                                                             std::chrono::seconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  auto requests = Requests();
  while (requests.size() < count && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    requests = Requests();
  }
  return requests;
}

}  // namespace lt::test
