// E-mail out, end to end on real servers: the lingting binary with its job
// runner, a real Postfix (tests/support/smtp_server) and `ingest-mail`. A
// customer's e-mail opens a case and gets the acknowledgement; an agent's
// reply goes out threaded; the customer's answer to it finds the case again;
// a refused address fails with the server's answer; and a node killed while
// the outbox sends leaves, after the restart, every message sent and none
// sent twice.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <chrono>
#include <fstream>
#include <map>
#include <thread>

#include "mail/mime_reader.hpp"
#include "support/http_client.hpp"
#include "support/process.hpp"
#include "support/smtp_server.hpp"
#include "support/test_database.hpp"
#include "support/test_env.hpp"

namespace lt {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

class OutboxTest : public ::testing::Test {
 protected:
  void SetUp() override {
    url_ = test::TestStoreUrl(directory_.path());
    // A short lease, so that a killed node's messages are taken over quickly.
    std::ofstream(directory_.path() / "lingting.toml")
        << "[jobs]\nlease_seconds = 3\npoll_ms = 200\n";
    StartServer();
    session_ = test::LoginAsDemoAdmin(server_->port());
    ASSERT_FALSE(session_.cookie.empty());
    const auto saved = Call("PUT", "/api/v1/admin/smtp",
                            json{{"host", "127.0.0.1"},
                                 {"port", smtp_.port()},
                                 {"security", "starttls"},
                                 {"ca_file", smtp_.ca_file().string()},
                                 {"from_address", "Service@Lingting.test"},
                                 {"from_name", "聆听客户服务中心"}});
    ASSERT_EQ(saved.status, 200) << saved.body;
  }

  void StartServer() {
    server_ = std::make_unique<test::ServerProcess>(
        directory_.path(), std::vector<std::string>{"--db", url_, "--config", "lingting.toml",
                                                    "--demo", "--demo-cases", "3"});
    ASSERT_TRUE(server_->running());
  }

  test::HttpReply Call(const std::string& method, const std::string& path,
                       const json& body = nullptr) {
    return test::HttpCall(server_->port(), method, path, body.is_null() ? "" : body.dump(),
                          session_.Headers(method != "GET"));
  }

  test::CommandResult IngestMail(const std::string& raw) {
    return test::RunCommand({LINGTING_BINARY, "ingest-mail", "--db", url_}, directory_.path(), raw,
                            {{"LANG", "zh_CN.UTF-8"}});
  }

  json Outbox(std::int64_t case_id) {
    const auto reply = Call("GET", "/api/v1/cases/" + std::to_string(case_id) + "/outbox");
    EXPECT_EQ(reply.status, 200) << reply.body;
    return json::parse(reply.body)["items"];
  }

  // Waits until every outbox message of the case has left the queue.
  json SettledOutbox(std::int64_t case_id) {
    const auto deadline = std::chrono::steady_clock::now() + 20s;
    for (;;) {
      json items = Outbox(case_id);
      bool settled = true;
      for (const auto& item : items) settled = settled && item["state"] != "queued";
      if (settled || std::chrono::steady_clock::now() > deadline) return items;
      std::this_thread::sleep_for(100ms);
    }
  }

  // The id of the case numbered `number`, found by searching for it.
  std::int64_t CaseIdOf(const std::string& number) {
    const auto found = Call("GET", "/api/v1/cases?q=" + number);
    EXPECT_EQ(found.status, 200) << found.body;
    const json items = json::parse(found.body)["items"];
    EXPECT_EQ(items.size(), 1u) << number << " " << found.body;
    return items.empty() ? 0 : items[0]["id"].get<std::int64_t>();
  }

  test::TempDir directory_;
  test::SmtpServer smtp_;
  std::string url_;
  std::unique_ptr<test::ServerProcess> server_;
  test::WebSession session_;
};

std::string CaseNumberIn(const std::string& out) {
  const auto at = out.find("TS-");
  return at == std::string::npos ? std::string() : out.substr(at, 14);
}

TEST_F(OutboxTest, AComplaintByMailIsAcknowledgedAnsweredAndItsAnswerFindsTheCase) {
  const auto ingested = IngestMail(
      "From: =?UTF-8?B?546L5bCP5piO?= <wang.xm@example.com>\r\n"
      "To: service@lingting.test\r\n"
      "Subject: =?UTF-8?B?56m66LCD5ryP5rC0?=\r\n"  // 空调漏水
      "Message-ID: <complaint-1@example.com>\r\n"
      "Date: Sat, 05 Dec 2026 09:00:00 +0800\r\n"
      "Content-Type: text/plain; charset=utf-8\r\n\r\n"
      "客厅空调室内机一直滴水，已经两天了。\r\n");
  ASSERT_EQ(ingested.exit_code, 0) << ingested.err;
  const std::string number = CaseNumberIn(ingested.out);
  ASSERT_FALSE(number.empty()) << ingested.out;
  const std::int64_t case_id = CaseIdOf(number);

  // The acknowledgement: to the sender, threaded on their message, marked
  // automatic, with the case number and the first-contact deadline.
  auto delivered = smtp_.WaitForDelivered(1);
  ASSERT_EQ(delivered.size(), 1u);
  const auto ack = mail::ReadMailMessage(delivered[0]);
  ASSERT_EQ(ack.to.size(), 1u);
  EXPECT_EQ(ack.to[0].address, "wang.xm@example.com");
  EXPECT_EQ(ack.to[0].name, "王小明");
  EXPECT_EQ(ack.from.address, "service@lingting.test");
  EXPECT_EQ(ack.from.name, "聆听客户服务中心");
  EXPECT_EQ(ack.subject, "您的来信已受理：空调漏水 [" + number + "]");
  EXPECT_EQ(ack.in_reply_to, (std::vector<std::string>{"complaint-1@example.com"}));
  EXPECT_EQ(ack.origin.auto_submitted, "auto-replied");
  EXPECT_NE(ack.text.find("案件编号为 " + number), std::string::npos) << ack.text;
  EXPECT_NE(ack.text.find("前与您联系"), std::string::npos) << ack.text;
  json outbox = SettledOutbox(case_id);
  ASSERT_EQ(outbox.size(), 1u);
  EXPECT_EQ(outbox[0]["purpose"], "acknowledgement");
  EXPECT_EQ(outbox[0]["state"], "sent");
  EXPECT_EQ(outbox[0]["last_answer"].get<std::string>().substr(0, 3), "250");
  EXPECT_EQ(outbox[0]["message_id"], ack.message_id);

  // An agent's reply with an attachment, threaded on the whole conversation.
  const auto sent = Call("POST", "/api/v1/cases/" + std::to_string(case_id) + "/messages",
                         json{{"body", "王先生您好：师傅明天上午上门检查排水管。"},
                              {"attachments",
                               {{{"filename", "上门须知.txt"},
                                 {"content_type", "text/plain"},
                                 {"content_base64", "6K+355WZ5Lq65Zyo5a62"}}}}});
  ASSERT_EQ(sent.status, 201) << sent.body;
  EXPECT_EQ(json::parse(sent.body)["outbox"]["state"], "queued");
  delivered = smtp_.WaitForDelivered(2);
  ASSERT_EQ(delivered.size(), 2u);
  const auto reply = mail::ReadMailMessage(delivered[1]);
  EXPECT_EQ(reply.subject, "Re: 空调漏水 [" + number + "]");
  EXPECT_EQ(reply.text, "王先生您好：师傅明天上午上门检查排水管。");
  EXPECT_EQ(reply.in_reply_to, (std::vector<std::string>{"complaint-1@example.com"}));
  EXPECT_EQ(reply.references,
            (std::vector<std::string>{"complaint-1@example.com", ack.message_id}));
  EXPECT_EQ(reply.origin.auto_submitted, "");
  ASSERT_EQ(reply.parts.size(), 1u);
  EXPECT_EQ(reply.parts[0].filename, "上门须知.txt");
  EXPECT_EQ(reply.parts[0].data, "请留人在家");

  // The customer answers from a client that drops the case number: the
  // reply headers name Lingting's message, and that finds the case.
  const auto answered = IngestMail(
      "From: wang.xm@example.com\r\nTo: service@lingting.test\r\n"
      "Subject: =?UTF-8?B?5aW955qE?=\r\n"  // 好的
      "Message-ID: <complaint-2@example.com>\r\n"
      "In-Reply-To: <" +
      reply.message_id +
      ">\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n好的，明天上午有人。\r\n");
  ASSERT_EQ(answered.exit_code, 0) << answered.err;
  EXPECT_EQ(CaseNumberIn(answered.out), number) << answered.out;
  // No acknowledgement for a message on a case already open.
  std::this_thread::sleep_for(1s);
  EXPECT_EQ(smtp_.Delivered().size(), 2u);

  // On the timeline: both messages out, sent.
  const auto timeline = Call("GET", "/api/v1/cases/" + std::to_string(case_id) + "/interactions");
  int sent_entries = 0;
  const json entries = json::parse(timeline.body)["items"];
  for (const auto& entry : entries) {
    if (entry["direction"] == "outbound") {
      EXPECT_EQ(entry["delivery"], "sent") << entry.dump();
      ++sent_entries;
    }
  }
  EXPECT_EQ(sent_entries, 2);
}

TEST_F(OutboxTest, ARefusedAddressFailsWithTheServersAnswerAndAutomaticMailGetsNoAcknowledgement) {
  const auto ingested = IngestMail(
      "From: refused@lingting.test\r\nSubject: =?UTF-8?B?5Yaw566x5LiN5Yi25Ya3?=\r\n"
      "Message-ID: <refused-1@lingting.test>\r\n\r\n冰箱不制冷。\r\n");
  ASSERT_EQ(ingested.exit_code, 0) << ingested.err;
  const std::int64_t case_id = CaseIdOf(CaseNumberIn(ingested.out));
  const json outbox = SettledOutbox(case_id);
  ASSERT_EQ(outbox.size(), 1u);
  EXPECT_EQ(outbox[0]["state"], "failed");
  EXPECT_NE(outbox[0]["last_answer"].get<std::string>().find("550 5.1.1"), std::string::npos)
      << outbox[0].dump();
  const auto timeline = Call("GET", "/api/v1/cases/" + std::to_string(case_id) + "/interactions");
  bool failed_entry = false;
  const json entries = json::parse(timeline.body)["items"];
  for (const auto& entry : entries) {
    failed_entry = failed_entry || entry["delivery"] == "failed";
  }
  EXPECT_TRUE(failed_entry) << timeline.body;

  // An auto-reply opens no case... and a list message that does is not answered.
  const auto listed = IngestMail(
      "From: news@example.org\r\nList-Id: <offers.example.org>\r\n"
      "Subject: =?UTF-8?B?5oqV6K+J?=\r\nMessage-ID: <list-1@example.org>\r\n\r\n群发邮件。\r\n");
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  const std::int64_t list_case = CaseIdOf(CaseNumberIn(listed.out));
  std::this_thread::sleep_for(1s);
  EXPECT_TRUE(Outbox(list_case).empty());
  EXPECT_TRUE(smtp_.Delivered().empty());
}

TEST_F(OutboxTest, AMessageWaitsWhileTheServerIsDownAndGoesOutOnceItIsBack) {
  smtp_.Stop();
  const auto created = Call("POST", "/api/v1/cases",
                            json{{"subject", "热水器不打火"},
                                 {"channel", "email"},
                                 {"acknowledge", false},
                                 {"customer", {{"name", "李娜"}, {"email", "li.na@example.com"}}}});
  ASSERT_EQ(created.status, 201) << created.body;
  const std::int64_t case_id = json::parse(created.body)["id"];
  const auto sent = Call("POST", "/api/v1/cases/" + std::to_string(case_id) + "/messages",
                         json{{"subject", "关于您的热水器"}, {"body", "李女士您好，请问型号是？"}});
  ASSERT_EQ(sent.status, 201) << sent.body;
  // The first attempt fails; the message stays queued with what went wrong.
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  json outbox;
  do {
    std::this_thread::sleep_for(200ms);
    outbox = Outbox(case_id);
  } while (outbox[0]["attempts"] == 0 && std::chrono::steady_clock::now() < deadline);
  EXPECT_EQ(outbox[0]["state"], "queued");
  EXPECT_GE(outbox[0]["attempts"].get<int>(), 1);
  EXPECT_FALSE(outbox[0]["last_answer"].get<std::string>().empty());
  smtp_.Start();
  // Retries back off 2 s, 4 s, ...: it goes out within a few of them.
  const auto delivered = smtp_.WaitForDelivered(1, 30s);
  ASSERT_EQ(delivered.size(), 1u);
  EXPECT_EQ(mail::ReadMailMessage(delivered[0]).subject,
            "关于您的热水器 [" + json::parse(created.body)["number"].get<std::string>() + "]");
  EXPECT_EQ(SettledOutbox(case_id)[0]["state"], "sent");
}

TEST_F(OutboxTest, ANodeKilledWhileSendingLeavesNothingUnsentAndAtMostTheMessageInFlightTwice) {
  const auto created = Call("POST", "/api/v1/cases",
                            json{{"subject", "洗衣机噪音大"},
                                 {"acknowledge", false},
                                 {"customer", {{"name", "赵敏"}, {"email", "zhao@example.com"}}}});
  ASSERT_EQ(created.status, 201) << created.body;
  const std::int64_t case_id = json::parse(created.body)["id"];
  constexpr int kMessages = 40;
  for (int i = 0; i < kMessages; ++i) {
    const auto sent = Call("POST", "/api/v1/cases/" + std::to_string(case_id) + "/messages",
                           json{{"body", "第 " + std::to_string(i) + " 条消息"}});
    ASSERT_EQ(sent.status, 201) << sent.body;
  }
  // Killed while the outbox works through them.
  smtp_.WaitForDelivered(5, 20s);
  server_->Kill();
  const std::size_t before_restart = smtp_.Delivered().size();
  StartServer();
  smtp_.WaitForDelivered(kMessages, 60s);
  std::this_thread::sleep_for(2s);  // anything sent twice would arrive by now
  std::map<std::string, int> copies;
  for (const auto& raw : smtp_.Delivered()) ++copies[mail::ReadMailMessage(raw).message_id];
  EXPECT_LT(before_restart, static_cast<std::size_t>(kMessages)) << "the kill came too late";
  // Every message arrived. Only the one whose acceptance by the server and
  // its record as sent the kill fell between (a few milliseconds) may have
  // gone out again, under the same Message-ID, which mail clients show once.
  EXPECT_EQ(copies.size(), static_cast<std::size_t>(kMessages));
  int doubled = 0;
  for (const auto& [id, count] : copies) {
    EXPECT_LE(count, 2) << id;
    doubled += count - 1;
  }
  EXPECT_LE(doubled, 1);
  for (const auto& item : SettledOutbox(case_id)) EXPECT_EQ(item["state"], "sent");
}

}  // namespace
}  // namespace lt
