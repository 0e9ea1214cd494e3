#include "encoding/base64url.h"

#include <gtest/gtest.h>

using namespace edgejwt;

namespace {

std::string encode(std::string_view bytes) {
  std::string out;
  base64url_encode(bytes, out);
  return out;
}

Status decode(std::string_view text, std::string &out) { return base64url_decode(text, out); }

}  // namespace

TEST(Base64Url, EncodesRfc4648Vectors) {
  // RFC 4648 §10, in the URL alphabet and without padding.
  EXPECT_EQ(encode(""), "");
  EXPECT_EQ(encode("f"), "Zg");
  EXPECT_EQ(encode("fo"), "Zm8");
  EXPECT_EQ(encode("foo"), "Zm9v");
  EXPECT_EQ(encode("foob"), "Zm9vYg");
  EXPECT_EQ(encode("fooba"), "Zm9vYmE");
  EXPECT_EQ(encode("foobar"), "Zm9vYmFy");
  EXPECT_EQ(encode("\xfb\xff\xbf"), "-_-_");
}

TEST(Base64Url, RoundTripsEveryLengthAndByte) {
  std::string bytes;
  for (int length = 0; length < 300; ++length) {
    std::string decoded;
    ASSERT_EQ(decode(encode(bytes), decoded), Status::Ok) << length;
    ASSERT_EQ(decoded, bytes);
    bytes.push_back(static_cast<char>(length * 7 + 3));
  }
}

TEST(Base64Url, RejectsNonCanonicalInput) {
  std::string out;
  for (const char *bad : {"Zg==", "Zg=", "Zm9v+", "Zm9v/", "Zm 9v", "Zm9v\n", "Z", "Zm9vY", "Zh", "Zm9", "Zm+v",
                          "Zm/v"}) {
    EXPECT_EQ(decode(bad, out), Status::Base64UrlInvalid) << bad;
  }
  EXPECT_EQ(decode(std::string_view("Zm9\0", 4), out), Status::Base64UrlInvalid);
  // Non-zero unused bits: "Zh" and "Zm9" would decode to the same bytes as "Zg" and "Zm8".
  EXPECT_EQ(decode("Zm8", out), Status::Ok);
  EXPECT_EQ(decode("Zm-", out), Status::Base64UrlInvalid);
}

TEST(Base64Url, DecodedSizeMatchesDecoding) {
  for (size_t n : {0, 2, 3, 4, 6, 7, 8}) {
    std::string text(n, 'A');
    std::string out;
    ASSERT_EQ(decode(text, out), Status::Ok);
    EXPECT_EQ(out.size(), base64url_decoded_size(n));
  }
}
