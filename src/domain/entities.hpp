#pragma once

// The records Lingting keeps. Values only: no I/O, no SQL, no JSON.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.hpp"
#include "domain/role.hpp"
#include "domain/vocabulary.hpp"

namespace lt::domain {

using Id = std::int64_t;

struct Contact {
  ContactKind kind = ContactKind::kPhone;
  std::string value;  // normalised: E.164 for phones, case-folded for e-mail
};

struct Customer {
  Id id = 0;
  CustomerKind kind = CustomerKind::kConsumer;
  std::string name;
  std::string region;
  Segment segment = Segment::kNormal;
  std::string organization;        // company name for dealers, suppliers, organizations
  std::string language = "zh-CN";  // what letters to the customer are written in: zh-CN or en
  std::vector<Contact> contacts;
  TimestampMs created_at = 0;
  TimestampMs updated_at = 0;
};

struct Department {
  Id id = 0;
  std::string code;  // short stable code: "QA", "SALES-EAST"
  std::string name;
  std::optional<Id> parent_id;
  TimestampMs created_at = 0;
  std::optional<Id> calendar_id;  // the business calendar of its deadlines; none: the shipped one
};

struct User {
  Id id = 0;
  std::string email;
  std::string name;
  Role role = Role::kAgent;
  std::vector<Id> department_ids;
  std::optional<Id> customer_id;  // portal users act for one customer
  std::string locale = "zh-CN";
  bool active = true;
  TimestampMs created_at = 0;
};

// A node of the admin-defined category tree (defect phenomena and topics).
struct Category {
  Id id = 0;
  std::string code;
  std::string name;
  std::optional<Id> parent_id;
  bool active = true;
};

struct Case {
  Id id = 0;
  std::string number;  // TS-2026-000123
  CaseType type = CaseType::kComplaint;
  Channel channel = Channel::kPhone;
  std::string subject;
  std::string description;
  Id customer_id = 0;
  std::optional<Id> category_id;
  std::string product;
  std::string model;
  std::string batch;
  std::string serial;
  Urgency urgency = Urgency::kNormal;
  OriginClass origin_class = OriginClass::kUnknown;
  Remedy remedy = Remedy::kNone;
  std::string status = "received";  // a state code of the workflow
  std::optional<Id> department_id;
  std::optional<Id> assignee_id;
  // The department the quality report or environmental form names
  // responsible: its staff see the case too.
  std::optional<Id> responsible_department_id;
  TimestampMs received_at = 0;
  // The earliest running SLA deadline, maintained by the SLA engine.
  std::optional<TimestampMs> sla_due_at;
  TimestampMs created_at = 0;
  TimestampMs updated_at = 0;
  Id created_by = 0;
  std::int64_t version = 1;  // increases on every change; used for If-Match
};

struct Attachment {
  Id id = 0;
  std::string sha256;
  std::string filename;
  std::string content_type;
  std::int64_t size_bytes = 0;
};

struct Interaction {
  Id id = 0;
  Id case_id = 0;
  Direction direction = Direction::kInbound;
  Channel channel = Channel::kPhone;
  Visibility visibility = Visibility::kPublic;
  std::optional<Id> author_user_id;
  std::optional<Id> author_customer_id;
  std::string body;
  std::vector<Attachment> attachments;
  Delivery delivery = Delivery::kNone;
  TimestampMs occurred_at = 0;
  TimestampMs created_at = 0;
};

struct ApiToken {
  Id id = 0;
  Id user_id = 0;
  std::string name;
  std::string prefix;  // the first characters, shown so a person can tell tokens apart
  TimestampMs created_at = 0;
  std::optional<TimestampMs> last_used_at;
  std::optional<TimestampMs> revoked_at;
};

// One changed field in an audit record.
struct FieldChange {
  std::string field;
  std::optional<std::string> before;
  std::optional<std::string> after;
};

// Append-only audit record: who changed what, when, before and after.
struct CaseEvent {
  Id id = 0;
  std::string entity;  // "case", "customer", "user", ...
  Id entity_id = 0;
  std::string action;  // "create", "update", "add_interaction", ...
  std::optional<Id> actor_user_id;
  TimestampMs at = 0;
  std::vector<FieldChange> changes;
};

// A live-update notice that a case changed: what browsers showing the case or
// a queue need in order to refresh, and what deciding who may see it needs.
struct CaseChange {
  Id case_id = 0;
  std::string number;
  std::string action;  // as in CaseEvent: "create", "update", "add_interaction", ...
  std::int64_t version = 0;
  TimestampMs at = 0;
  std::optional<Id> actor_user_id;
  bool internal = false;  // only staff hear of it (an internal note)
  // Scope: the fields CanSeeCase looks at.
  std::optional<Id> department_id;
  std::optional<Id> responsible_department_id;
  OriginClass origin_class = OriginClass::kUnknown;
  Id created_by = 0;
  Id customer_id = 0;
};

}  // namespace lt::domain
