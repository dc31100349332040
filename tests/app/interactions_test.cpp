#include "app/interactions.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "app/cases.hpp"
#include "support/test_env.hpp"

namespace lt::app {
namespace {

const std::string kPng = std::string("\x89PNG\r\n\x1a\n", 8) + "rest-of-image";

class InteractionCasesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    CreateCaseInput input;
    input.subject = "热水器漏电";
    input.customer =
        CustomerInput{"刘洋", domain::CustomerKind::kConsumer, {"13122223333"}, {}, "", "", {}};
    auto created = CreateCase(*store_.context, domain::Principal::System(), input, std::nullopt);
    ASSERT_TRUE(created.ok());
    case_ = created->a_case;
  }

  Result<domain::Interaction> Add(
      InteractionInput input, const domain::Principal& principal = domain::Principal::System()) {
    return AddInteraction(*store_.context, principal, case_.id, input);
  }

  test::TestStore store_;
  domain::Case case_;
};

TEST_F(InteractionCasesTest, KeepsTheTimelineInOrderWithAttachmentsStoredByContent) {
  InteractionInput call;
  call.direction = domain::Direction::kInbound;
  call.channel = domain::Channel::kPhone;
  call.body = "客户来电：洗澡时有麻电感。";
  call.attachments = {{"现场照片.png", "image/png", kPng}, {"copy.png", "image/png", kPng}};
  auto first = Add(call);
  ASSERT_TRUE(first.ok()) << test::Describe(first.error());
  ASSERT_EQ(first->attachments.size(), 2u);
  EXPECT_EQ(first->attachments[0].sha256, first->attachments[1].sha256);  // one body on disk
  EXPECT_TRUE(std::filesystem::exists(store_.files->PathOf(first->attachments[0].sha256)));
  store_.clock.Advance(1000);
  InteractionInput note;
  note.body = "内部备注：安排上门检测。";
  auto second = Add(note);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->visibility, domain::Visibility::kInternal);
  auto timeline = ListInteractions(*store_.context, domain::Principal::System(), case_.id);
  ASSERT_TRUE(timeline.ok());
  ASSERT_EQ(timeline->size(), 2u);
  EXPECT_EQ((*timeline)[0].body, call.body);
  EXPECT_EQ((*timeline)[0].attachments.size(), 2u);
  auto content =
      GetAttachment(*store_.context, domain::Principal::System(), first->attachments[0].id);
  ASSERT_TRUE(content.ok());
  EXPECT_EQ(content->content, kPng);
  EXPECT_EQ(content->attachment.filename, "现场照片.png");
  // Each id names its own attachment (they are stored in one statement).
  EXPECT_NE(first->attachments[0].id, first->attachments[1].id);
  auto copy = GetAttachment(*store_.context, domain::Principal::System(), first->attachments[1].id);
  ASSERT_TRUE(copy.ok());
  EXPECT_EQ(copy->attachment.filename, "copy.png");
}

TEST_F(InteractionCasesTest, RefusesPathTricksDisallowedTypesOversizeAndDisguisedFiles) {
  InteractionInput input;
  input.body = "附件";
  input.attachments = {{"../../etc/passwd", "text/plain", "x"},
                       {"ok.exe", "application/x-msdownload", "MZ"},
                       {"big.png", "image/png", kPng + std::string(2 * 1024 * 1024, 'x')},
                       {"fake.pdf", "application/pdf", "not a pdf"},
                       {".hidden", "text/plain", "x"},
                       {"C:\\boot.ini", "text/plain", "x"}};
  auto added = Add(input);
  ASSERT_FALSE(added.ok());
  std::set<std::string> fields;
  for (const auto& field : added.error().fields) fields.insert(field.field);
  EXPECT_EQ(fields, (std::set<std::string>{"attachments[0].filename", "attachments[1].content_type",
                                           "attachments[2].content", "attachments[3].content",
                                           "attachments[4].filename", "attachments[5].filename"}));
  auto timeline = ListInteractions(*store_.context, domain::Principal::System(), case_.id);
  ASSERT_TRUE(timeline.ok());
  EXPECT_TRUE(timeline->empty());
}

TEST_F(InteractionCasesTest, PortalCustomersAddPublicMessagesOnlyAndSeeNoInternalNotes) {
  const auto portal =
      store_.AddUser("liu@example.com", domain::Role::kCustomer, {}, case_.customer_id);
  InteractionInput note;
  note.body = "内部讨论";
  ASSERT_TRUE(Add(note).ok());
  InteractionInput reply;
  reply.body = "我已经寄出样品。";
  auto added = Add(reply, store_.PrincipalOf(portal));
  ASSERT_TRUE(added.ok());
  EXPECT_EQ(added->direction, domain::Direction::kInbound);
  EXPECT_EQ(added->author_customer_id, case_.customer_id);
  InteractionInput sneaky;
  sneaky.body = "x";
  sneaky.visibility = domain::Visibility::kInternal;
  EXPECT_FALSE(Add(sneaky, store_.PrincipalOf(portal)).ok());
  auto timeline = ListInteractions(*store_.context, store_.PrincipalOf(portal), case_.id);
  ASSERT_TRUE(timeline.ok());
  ASSERT_EQ(timeline->size(), 1u);
  EXPECT_EQ((*timeline)[0].body, reply.body);
}

TEST_F(InteractionCasesTest, AnInvisibleCaseIsNotFound) {
  const auto member = store_.AddUser("m@example.com", domain::Role::kDepartmentMember);
  InteractionInput input;
  input.body = "x";
  EXPECT_EQ(Add(input, store_.PrincipalOf(member)).error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace lt::app
