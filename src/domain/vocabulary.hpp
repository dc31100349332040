#pragma once

#include "domain/enum_codes.hpp"

namespace lt::domain {

enum class CaseType { kComplaint, kInquiry, kSuggestion, kPraise, kGrumble };
inline constexpr EnumCodes<CaseType, 5> kCaseTypeCodes{{{
    {CaseType::kComplaint, "complaint"},
    {CaseType::kInquiry, "inquiry"},
    {CaseType::kSuggestion, "suggestion"},
    {CaseType::kPraise, "praise"},
    {CaseType::kGrumble, "grumble"},
}}};

enum class Channel {
  kPhone,
  kEmail,
  kWeb,
  kPortal,
  kSms,
  kFax,
  kVoicemail,
  kApi,
  kVisit,
  kLetter,
  kSocial,
  kRegulator,  // referred by the market regulator (12315, a local 市场监管局)
  kWechat,     // the company's WeChat Official Account (微信公众号)
};
inline constexpr EnumCodes<Channel, 13> kChannelCodes{{{
    {Channel::kPhone, "phone"},
    {Channel::kEmail, "email"},
    {Channel::kWeb, "web"},
    {Channel::kPortal, "portal"},
    {Channel::kSms, "sms"},
    {Channel::kFax, "fax"},
    {Channel::kVoicemail, "voicemail"},
    {Channel::kApi, "api"},
    {Channel::kVisit, "visit"},
    {Channel::kLetter, "letter"},
    {Channel::kSocial, "social"},
    {Channel::kRegulator, "regulator"},
    {Channel::kWechat, "wechat"},
}}};

enum class Urgency { kNormal, kUrgent };
inline constexpr EnumCodes<Urgency, 2> kUrgencyCodes{{{
    {Urgency::kNormal, "normal"},
    {Urgency::kUrgent, "urgent"},
}}};

enum class OriginClass { kUnknown, kOwnFactory, kOtherFactory, kEnvironmental, kUsage };
inline constexpr EnumCodes<OriginClass, 5> kOriginClassCodes{{{
    {OriginClass::kUnknown, "unknown"},
    {OriginClass::kOwnFactory, "own_factory"},
    {OriginClass::kOtherFactory, "other_factory"},
    {OriginClass::kEnvironmental, "environmental"},
    {OriginClass::kUsage, "usage"},
}}};

enum class Remedy {
  kNone,
  kReplacement,
  kRepair,
  kRefund,
  kCompensation,
  kApology,
  kExplanation,
  kOther
};
inline constexpr EnumCodes<Remedy, 8> kRemedyCodes{{{
    {Remedy::kNone, "none"},
    {Remedy::kReplacement, "replacement"},
    {Remedy::kRepair, "repair"},
    {Remedy::kRefund, "refund"},
    {Remedy::kCompensation, "compensation"},
    {Remedy::kApology, "apology"},
    {Remedy::kExplanation, "explanation"},
    {Remedy::kOther, "other"},
}}};

enum class CustomerKind { kConsumer, kDealer, kSupplier, kEmployee, kOrganization };
inline constexpr EnumCodes<CustomerKind, 5> kCustomerKindCodes{{{
    {CustomerKind::kConsumer, "consumer"},
    {CustomerKind::kDealer, "dealer"},
    {CustomerKind::kSupplier, "supplier"},
    {CustomerKind::kEmployee, "employee"},
    {CustomerKind::kOrganization, "organization"},
}}};

enum class Segment { kNormal, kKey, kVip };
inline constexpr EnumCodes<Segment, 3> kSegmentCodes{{{
    {Segment::kNormal, "normal"},
    {Segment::kKey, "key"},
    {Segment::kVip, "vip"},
}}};

enum class Direction { kInbound, kOutbound, kInternal };
// Whether an outbound message still has to go out on its channel.
enum class Delivery { kNone, kQueued, kSent, kFailed };
inline constexpr EnumCodes<Delivery, 4> kDeliveryCodes{{{
    {Delivery::kNone, "none"},      // nothing to send (inbound, notes, calls)
    {Delivery::kQueued, "queued"},  // waiting for the channel's adapter
    {Delivery::kSent, "sent"},
    {Delivery::kFailed, "failed"},
}}};

inline constexpr EnumCodes<Direction, 3> kDirectionCodes{{{
    {Direction::kInbound, "inbound"},
    {Direction::kOutbound, "outbound"},
    {Direction::kInternal, "internal"},
}}};

// Interaction channels add the internal note to the intake channels.
enum class Visibility { kPublic, kInternal };
inline constexpr EnumCodes<Visibility, 2> kVisibilityCodes{{{
    {Visibility::kPublic, "public"},
    {Visibility::kInternal, "internal"},
}}};

enum class ContactKind {
  kPhone,
  kEmail,
  kOther,
  kWechat,  // an OpenID of the company's WeChat Official Account
};
inline constexpr EnumCodes<ContactKind, 4> kContactKindCodes{{{
    {ContactKind::kPhone, "phone"},
    {ContactKind::kEmail, "email"},
    {ContactKind::kOther, "other"},
    {ContactKind::kWechat, "wechat"},
}}};

}  // namespace lt::domain
