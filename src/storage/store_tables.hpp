#pragma once

#include <array>
#include <string_view>

namespace lt::storage {

// Every table of Lingting's schema except schema_migrations, parents before
// the tables that refer to them: the order in which a whole store is copied.
// A test checks that it names every table of both schemas exactly once.
inline constexpr std::array<std::string_view, 52> kStoreTables = {"business_calendars",
                                                                  "calendar_days",
                                                                  "departments",
                                                                  "customers",
                                                                  "customer_contacts",
                                                                  "users",
                                                                  "user_departments",
                                                                  "saved_views",
                                                                  "letter_templates",
                                                                  "categories",
                                                                  "case_number_sequences",
                                                                  "cases",
                                                                  "interactions",
                                                                  "attachments",
                                                                  "packed_bodies",
                                                                  "case_events",
                                                                  "api_tokens",
                                                                  "sessions",
                                                                  "idempotency_keys",
                                                                  "jobs",
                                                                  "workflow_states",
                                                                  "workflow_transitions",
                                                                  "case_transitions",
                                                                  "case_procedure_events",
                                                                  "quality_reports",
                                                                  "prevention_reports",
                                                                  "actions",
                                                                  "sla_policies",
                                                                  "sla_targets",
                                                                  "sla_clocks",
                                                                  "notifications",
                                                                  "authority_limits",
                                                                  "claims",
                                                                  "claim_decisions",
                                                                  "decision_reviews",
                                                                  "improvement_proposals",
                                                                  "supplier_cars",
                                                                  "mail_messages",
                                                                  "mail_references",
                                                                  "outbox_messages",
                                                                  "channel_settings",
                                                                  "mailboxes",
                                                                  "channel_messages",
                                                                  "webhook_receipts",
                                                                  "case_referrals",
                                                                  "calls",
                                                                  "notification_preferences",
                                                                  "group_robots",
                                                                  "wechat_followers",
                                                                  "portal_codes",
                                                                  "sample_shipments",
                                                                  "case_ratings"};

}  // namespace lt::storage
