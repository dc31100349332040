#include "domain/portal_code.hpp"

#include <gtest/gtest.h>

namespace lt::domain {
namespace {

TEST(PortalCode, SignInAddressesAreMailboxesAndMobilesAsStored) {
  EXPECT_EQ(ParseSignInAddress(" Li.Wei@Example.COM ")->value, "li.wei@example.com");
  EXPECT_EQ(ParseSignInAddress(" Li.Wei@Example.COM ")->kind, ContactKind::kEmail);
  const auto mobile = ParseSignInAddress("＋86 138-1234-5678");
  ASSERT_TRUE(mobile);
  EXPECT_EQ(mobile->kind, ContactKind::kPhone);
  EXPECT_EQ(mobile->value, "+8613812345678");
  EXPECT_FALSE(ParseSignInAddress("010-8888 6666")) << "a landline gets no texts";
  EXPECT_FALSE(ParseSignInAddress("li.wei@"));
  EXPECT_FALSE(ParseSignInAddress("李伟"));
}

TEST(PortalCode, TheHashBindsTheCodeToItsPurposeAndAddress) {
  const auto hash = PortalCodeHash(PortalCodePurpose::kSignIn, "a@example.com", "123456");
  EXPECT_EQ(hash, PortalCodeHash(PortalCodePurpose::kSignIn, "a@example.com", "123456"));
  EXPECT_NE(hash, PortalCodeHash(PortalCodePurpose::kSignIn, "b@example.com", "123456"));
  EXPECT_NE(hash, PortalCodeHash(PortalCodePurpose::kWechatBinding, "a@example.com", "123456"));
  EXPECT_EQ(hash.find("123456"), std::string::npos);
}

TEST(PortalCode, ACodeIsUsableOnceBeforeItExpiresAndWhileTriesRemain) {
  PortalCode code;
  code.expires_at = 1000;
  EXPECT_TRUE(PortalCodeUsable(code, 999));
  EXPECT_FALSE(PortalCodeUsable(code, 1000));
  code.failed_attempts = kPortalCodeMaxFailures;
  EXPECT_FALSE(PortalCodeUsable(code, 0));
  code.failed_attempts = 0;
  code.used_at = 10;
  EXPECT_FALSE(PortalCodeUsable(code, 0));
}

TEST(PortalCode, BindingCodesAreReadAfterTheKeywordOnly) {
  EXPECT_EQ(BindingCodeIn("绑定 12345678"), "12345678");
  EXPECT_EQ(BindingCodeIn("  绑定１２３４ ５６７８ "), "12345678");
  EXPECT_EQ(BindingCodeIn("bind 12345678"), "12345678");
  EXPECT_EQ(BindingCodeIn("BIND\u300012345678"), "12345678");
  EXPECT_FALSE(BindingCodeIn("12345678")) << "an order number, perhaps";
  EXPECT_FALSE(BindingCodeIn("绑定 1234567"));
  EXPECT_FALSE(BindingCodeIn("绑定 123456789"));
  EXPECT_FALSE(BindingCodeIn("绑定手机号 13812345678"));
  EXPECT_FALSE(BindingCodeIn("热水器坏了"));
}

}  // namespace
}  // namespace lt::domain
