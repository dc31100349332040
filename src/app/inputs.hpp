#pragma once

// Typed inputs of the use cases. The edges (HTTP JSON, CSV import, demo
// generator) fill these; the use cases validate content and rules.

#include <optional>
#include <string>
#include <vector>

#include "domain/entities.hpp"
#include "domain/procedure.hpp"
#include "domain/referral.hpp"

namespace lt::app {

using domain::Id;

// A field that may be left alone, set, or (for nullable fields) cleared.
template <class T>
using Patch = std::optional<T>;
template <class T>
using NullablePatch = std::optional<std::optional<T>>;

struct CustomerInput {
  std::string name;
  std::optional<domain::CustomerKind> kind;
  std::vector<std::string> phones;  // as written; normalised by the use case
  std::vector<std::string> emails;
  std::string organization;
  std::string region;
  std::optional<std::string> language;  // zh-CN (default) or en
  std::optional<domain::Segment> segment;
  std::vector<std::string> wechat_openids;  // set by the WeChat intake, not taken from requests
};

struct CustomerPatch {
  Patch<std::string> name;
  Patch<domain::CustomerKind> kind;
  Patch<std::vector<std::string>> phones;
  Patch<std::vector<std::string>> emails;
  Patch<std::string> organization;
  Patch<std::string> region;
  Patch<std::string> language;
  Patch<domain::Segment> segment;
};

struct AttachmentInput {
  std::string filename;
  std::string content_type;
  std::string content;  // decoded bytes
  // The SHA-256 the body is kept under, when an intake has put it in the
  // attachment files already (mail batches); never taken from a request.
  std::string stored_sha256;
  // The original of a message an intake keeps (the raw e-mail), which the
  // size limit does not apply to; never set from a request.
  bool original = false;
};

struct CreateCaseInput {
  std::optional<domain::CaseType> type;
  std::optional<domain::Channel> channel;
  std::string subject;
  std::string description;
  std::optional<Id> customer_id;
  std::optional<CustomerInput> customer;  // matched by phone or e-mail, or created
  std::optional<Id> category_id;
  std::string product, model, batch, serial;
  std::optional<domain::Urgency> urgency;
  std::optional<domain::OriginClass> origin_class;
  std::optional<domain::Remedy> remedy;
  std::optional<Id> department_id;
  std::optional<Id> assignee_id;
  std::optional<TimestampMs> received_at;  // importing systems may set a past time
  // Whether the customer gets the acknowledgement of receipt (when a person
  // files the case and a channel reaches the customer; app::AcknowledgeFiledCase).
  bool acknowledge = true;
  // A complaint the market regulator referred: its channel is "regulator".
  std::optional<domain::Referral> referral;
  // Where an imported case already stands. Only the system (CLI import, demo)
  // may set it; people move cases through the workflow.
  std::optional<std::string> status;  // a state code of the workflow
};

struct CasePatch {
  Patch<domain::CaseType> type;
  Patch<domain::Channel> channel;
  Patch<std::string> subject;
  Patch<std::string> description;
  NullablePatch<Id> category_id;
  Patch<std::string> product, model, batch, serial;
  Patch<domain::Urgency> urgency;
  Patch<domain::OriginClass> origin_class;
  Patch<domain::Remedy> remedy;
  NullablePatch<Id> department_id;
  NullablePatch<Id> assignee_id;
};

struct InteractionInput {
  std::optional<domain::Direction> direction;
  std::optional<domain::Channel> channel;
  std::optional<domain::Visibility> visibility;
  std::string body;
  std::optional<TimestampMs> occurred_at;
  std::vector<AttachmentInput> attachments;
  // Who wrote it when a channel's intake records a customer's message (the
  // system principal only; ignored for anyone else).
  std::optional<Id> author_customer_id;
  // An outbound message that goes out through the outbox (SendCustomerMessage).
  bool queued_for_delivery = false;
};

struct DepartmentInput {
  std::string code;
  std::string name;
  std::optional<Id> parent_id;
  std::optional<Id> calendar_id;
};

struct DepartmentPatch {
  Patch<std::string> code;
  Patch<std::string> name;
  NullablePatch<Id> parent_id;
  NullablePatch<Id> calendar_id;
};

struct UserInput {
  std::string email;
  std::string name;
  std::optional<domain::Role> role;
  std::vector<Id> department_ids;
  std::optional<Id> customer_id;
  std::string locale = "zh-CN";
  std::optional<std::string> password;
};

struct UserPatch {
  Patch<std::string> email;
  Patch<std::string> name;
  Patch<domain::Role> role;
  Patch<std::vector<Id>> department_ids;
  NullablePatch<Id> customer_id;
  Patch<std::string> locale;
  Patch<bool> active;
  Patch<std::string> password;
};

struct CategoryInput {
  std::string code;
  std::string name;
  std::optional<Id> parent_id;
};

struct CategoryPatch {
  Patch<std::string> code;
  Patch<std::string> name;
  NullablePatch<Id> parent_id;
  Patch<bool> active;
};

struct ActionInput {
  std::optional<domain::ActionKind> kind;
  std::string description;
  std::optional<Id> owner_id;
  std::optional<Id> department_id;
  std::optional<TimestampMs> due_at;
};

// One step through the workflow: the state to move to and the data the step
// requires (domain::Requirement); fields a step does not ask for are refused.
// The meeting of the related units, as a workflow step records it.
struct MeetingInput {
  std::optional<TimestampMs> held_at;
  std::vector<Id> department_ids;
  std::optional<std::string> conclusion;
};

struct StepInput {
  std::string to;
  std::optional<std::string> step;  // names the step when several lead to `to`
  std::optional<std::string> note;
  std::optional<std::string> reason;
  std::optional<std::string> resolution;
  std::optional<Id> department_id;
  std::optional<TimestampMs> sample_received_at;
  std::optional<std::string> defect_description;
  std::optional<std::string> root_cause_occurrence;
  std::optional<std::string> root_cause_outflow;
  std::optional<Id> responsible_department_id;
  std::optional<std::string> preliminary_analysis;
  std::optional<MeetingInput> meeting;
  std::optional<std::string> failure_analysis;
  std::optional<std::string> solution;
  std::vector<ActionInput> countermeasures;
  std::optional<std::string> permanent_pending_reason;
  std::optional<std::string> reply;
  std::optional<domain::CustomerDecision> customer_decision;
  std::vector<domain::Alternative> alternatives;
  std::optional<std::string> verification;
  std::optional<std::string> early_close_reason;
};

}  // namespace lt::app
