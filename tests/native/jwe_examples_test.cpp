// The JWE examples of RFC 7520 §5 whose algorithms edgejwt implements, and nested in them every
// construction under JWE (src/crypto/): each example is decrypted the way a JWE layer will, from
// the published key and the published encrypted key, IV, ciphertext and tag, and where the
// example's randomness is published (CEK, IV, ephemeral key, salt) encrypted again to the published
// bytes. §5.1 (RSA1_5) is not implemented (RFC 8725 §3.2); §5.9 to §5.12 reuse §5.8's algorithms
// with compression (refused by JWE's framing) or the JSON serialization (framing as well).
// The values are the examples' own, base64url as published; the AAD of compact-serialization
// content encryption is the protected header's base64url text (RFC 7516 §5.1 step 14).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "crypto/aes_cbc_hmac.h"
#include "crypto/aes_gcm.h"
#include "crypto/aes_key_wrap.h"
#include "crypto/concat_kdf.h"
#include "crypto/ecdh.h"
#include "crypto/pbkdf2.h"
#include "crypto/rsa_oaep.h"
#include "rsa_keys.h"
#include "test_support.h"

using namespace edgejwt;
using namespace edgejwt::test;

namespace {

enum class Enc { A128Gcm, A256Gcm, A128CbcHs256 };

// The plaintext of every example but §5.3: a quotation with two EN DASHes (U+2013).
constexpr std::string_view kPlaintext =
    "You can trust us to stick with you through thick and thin\xe2\x80\x93to the bitter end. And you can trust us to "
    "keep any secret of yours\xe2\x80\x93" "closer than you keep it yourself. But you cannot trust us to let you face "
    "trouble alone, and go off without a word. We are your friends, Frodo.";

// The example's content, decrypted with `cek` under `enc`; also encrypted again from the published
// plaintext, CEK and IV to the published ciphertext and tag.
std::string content(Enc enc, ByteView cek, std::string_view iv, std::string_view aad, std::string_view ciphertext,
                    std::string_view tag, std::string_view plaintext) {
  const auto iv_bytes = from_base64url(iv), ciphertext_bytes = from_base64url(ciphertext), tag_bytes = from_base64url(tag);
  std::vector<uint8_t> opened(ciphertext_bytes.size()), sealed(ciphertext_bytes.size() + 16), sealed_tag(32);
  size_t opened_size = opened.size();
  Status status;
  if (enc == Enc::A128CbcHs256) {
    status = aes_cbc_hmac_decrypt(cek, iv_bytes, aad, ciphertext_bytes, tag_bytes, opened.data(), opened_size);
    EXPECT_EQ(aes_cbc_hmac_encrypt(cek, iv_bytes, aad, plaintext, sealed.data(), sealed_tag.data()), Status::Ok);
    sealed.resize(cbc_hmac_ciphertext_size(plaintext.size()));
    sealed_tag.resize(cbc_hmac_tag_size(cek.size));
  } else {
    status = aes_gcm_decrypt(cek, iv_bytes, aad, ciphertext_bytes, tag_bytes, opened.data());
    EXPECT_EQ(aes_gcm_encrypt(cek, iv_bytes, aad, plaintext, sealed.data(), sealed_tag.data()), Status::Ok);
    sealed.resize(plaintext.size());
    sealed_tag.resize(kGcmTagSize);
  }
  EXPECT_EQ(sealed, ciphertext_bytes);
  EXPECT_EQ(sealed_tag, tag_bytes);
  EXPECT_EQ(cek.size, enc == Enc::A128Gcm ? 16u : 32u);
  if (status != Status::Ok) return "decryption failed: " + std::string(status_name(status));
  return std::string(opened.begin(), opened.begin() + static_cast<std::ptrdiff_t>(opened_size));
}

std::vector<uint8_t> unwrap(ByteView kek, std::string_view encrypted_key) {
  const auto wrapped = from_base64url(encrypted_key);
  std::vector<uint8_t> cek(wrapped.size() - kKeyWrapOverhead);
  EXPECT_EQ(aes_key_unwrap(kek, wrapped, cek.data()), Status::Ok);
  return cek;
}

std::vector<uint8_t> wrap(ByteView kek, ByteView cek) {
  std::vector<uint8_t> wrapped(cek.size + kKeyWrapOverhead);
  EXPECT_EQ(aes_key_wrap(kek, cek, wrapped.data()), Status::Ok);
  return wrapped;
}

EcPrivateKey ec_private_key(Curve curve, std::string_view d) {
  EcPrivateKey key;
  key.public_key.curve = curve;
  key.scalar = SecretBytes(from_base64url(d));
  return key;
}

EcPublicKey ec_public_key(Curve curve, std::string_view x, std::string_view y) {
  EcPublicKey key;
  key.curve = curve;
  key.point = {0x04};
  for (std::string_view coordinate : {x, y}) {
    const auto bytes = from_base64url(coordinate);
    key.point.insert(key.point.end(), bytes.begin(), bytes.end());
  }
  return key;
}

// ECDH-ES's key (RFC 7518 §4.6.2): Concat KDF over the shared secret with the algorithm ID and no
// apu/apv, as every RFC 7520 example has.
std::vector<uint8_t> ecdh_es_key(const EcPrivateKey &key, const EcPublicKey &peer, std::string_view algorithm,
                                 size_t size) {
  std::vector<uint8_t> z(curve_size(key.public_key.curve)), derived(size);
  EXPECT_EQ(ecdh_shared_secret(key, peer, z.data()), Status::Ok);
  EXPECT_EQ(concat_kdf(z, algorithm, {}, {}, size, derived.data()), Status::Ok);
  return derived;
}

// Peregrin Took's P-384 key, the recipient of §5.4 and §5.13.
constexpr std::string_view kPeregrinD = "iTx2pk7wW-GqJkHcEkFQb2EFyYcO7RugmaW3mRrQVAOUiPommT0IdnYK2xDlZh-j";
// The A256GCMKW key of §5.3's key set, §5.7 and §5.13.
constexpr std::string_view kGcmKwKey = "qC57l_uxcm7Nm3K-ct4GFjx8tM1U8CZ0NLBvdQstiS8";

// §5.2: Samwise Gamgee's 4096-bit RSA key.
constexpr JwkParts kSamwiseKey{
    "wbdxI55VaanZXPY29Lg5hdmv2XhvqAhoxUkanfzf2-5zVUxa6prHRrI4pP1AhoqJRlZfYtWWd5mmHRG2pAHIlh0ySJ9wi0BioZBl1XP2e-C-Fy"
    "XJGcTy0HdKQWlrfhTm42EW7Vv04r4gfao6uxjLGwfpGrZLarohiWCPnkNrg71S2CuNZSQBIPGjXfkmIy2tl_VWgGnL22GplyXj5YlBLdxXp3Xe"
    "Stsqo571utNfoUTU8E4qdzJ3U1DItoVkPGsMwlmmnJiwA7sXRItBCivR4M5qnZtdw-7v4WuR4779ubDuJ5nalMv2S66-RPcnFAzWSKxtBDnFJJ"
    "DGIUe7Tzizjg1nms0Xq_yPub_UOlWn0ec85FCft1hACpWG8schrOBeNqHBODFskYpUc2LC5JA2TaPF2dA67dg1TTsC_FupfQ2kNGcE1LgprxKH"
    "cVWYQb86B-HozjHZcqtauBzFNV5tbTuB-TpkcvJfNcFLlH3b8mb-H_ox35FjqBSAjLKyoeqfKTpVjvXhd09knwgJf6VKq6UC418_TOljMVfFTW"
    "XUxlnfhOOnzW6HSSzD1c9WrCuVzsUMv54szidQ9wf1cYWf3g5qFDxDQKis99gcDaiCAwM3yEBIzuNeeCa5dartHDb1xEB_HcHSeYbghbMjGfas"
    "vKn0aZRsnTyC0xhWBlsolZE",  // n
    "AQAB",  // e
    "n7fzJc3_WG59VEOBTkayzuSMM780OJQuZjN_KbH8lOZG25ZoA7T4Bxcc0xQn5oZE5uSCIwg91oCt0JvxPcpmqzaJZg1nirjcWZ-oBtVk7gCAWq"
    "-B3qhfF3izlbkosrzjHajIcY33HBhsy4_WerrXg4MDNE4HYojy68TcxT2LYQRxUOCf5TtJXvM8olexlSGtVnQnDRutxEUCwiewfmmrfveEogLx"
    "9EA-KMgAjTiISXxqIXQhWUQX1G7v_mV_Hr2YuImYcNcHkRvp9E7ook0876DhkO8v4UOZLwA1OlUX98mkoqwc58A_Y2lBYbVx1_s5lpPsEqbbH-"
    "nqIjh1fL0gdNfihLxnclWtW7pCztLnImZAyeCWAG7ZIfv-Rn9fLIv9jZ6r7r-MSH9sqbuziHN2grGjD_jfRluMHa0l84fFKl6bcqN1JWxPVhzN"
    "Zo01yDF-1LiQnqUYSepPf6X3a2SOdkqBRiquE6EvLuSYIDpJq3jDIsgoL8Mo1LoomgiJxUwL_GWEOGu28gplyzm-9Q0U0nyhEf1uhSR8aJAQWA"
    "iFImWH5W_IQT9I7-yrindr_2fWQ_i1UgMsGzA7aOGzZfPljRy6z-tY_KuBG00-28S_aWvjyUc-Alp8AUyKjBZ-7CWH32fGWK48j1t-zomrwjL_"
    "mnhsPbGs0c9WsWgRzI-K8gE",  // d
    "7_2v3OQZzlPFcHyYfLABQ3XP85Es4hCdwCkbDeltaUXgVy9l9etKghvM4hRkOvbb01kYVuLFmxIkCDtpi-zLCYAdXKrAK3PtSbtzld_XZ9nlsY"
    "a_QZWpXB_IrtFjVfdKUdMz94pHUhFGFj7nr6NNxfpiHSHWFE1zD_AC3mY46J961Y2LRnreVwAGNw53p07Db8yD_92pDa97vqcZOdgtybH9q6um"
    "a-RFNhO1AoiJhYZj69hjmMRXx-x56HO9cnXNbmzNSCFCKnQmn4GQLmRj9sfbZRqL94bbtE4_e0Zrpo8RNo8vxRLqQNwIy85fc6BRgBJomt8QdQ"
    "vIgPgWCv5HoQ",  // p
    "zqOHk1P6WN_rHuM7ZF1cXH0x6RuOHq67WuHiSknqQeefGBA9PWs6ZyKQCO-O6mKXtcgE8_Q_hA2kMRcKOcvHil1hqMCNSXlflM7WPRPZu2qCDc"
    "qssd_uMbP-DqYthH_EzwL9KnYoH7JQFxxmcv5An8oXUtTwk4knKjkIYGRuUwfQTus0w1NfjFAyxOOiAQ37ussIcE6C6ZSsM3n41UlbJ7TCqewz"
    "VJaPJN5cxjySPZPD3Vp01a9YgAD6a3IIaKJdIxJS1ImnfPevSJQBE79-EXe2kSwVgOzvt-gsmM29QQ8veHy4uAqca5dZzMs7hkkHtw1z0jHV90"
    "epQJJlXXnH8Q",  // q
    "19oDkBh1AXelMIxQFm2zZTqUhAzCIr4xNIGEPNoDt1jK83_FJA-xnx5kA7-1erdHdms_Ef67HsONNv5A60JaR7w8LHnDiBGnjdaUmmuO8XAxQJ"
    "_ia5mxjxNjS6E2yD44USo2JmHvzeeNczq25elqbTPLhUpGo1IZuG72FZQ5gTjXoTXC2-xtCDEUZfaUNh4IeAipfLugbpe0JAFlFfrTDAMUFpC3"
    "iXjxqzbEanflwPvj6V9iDSgjj8SozSM0dLtxvu0LIeIQAeEgT_yXcrKGmpKdSO08kLBx8VUjkbv_3Pn20Gyu2YEuwpFlM_H1NikuxJNKFGmnAq"
    "9LcnwwT0jvoQ",  // dp
    "S6p59KrlmzGzaQYQM3o0XfHCGvfqHLYjCO557HYQf72O9kLMCfd_1VBEqeD-1jjwELKDjck8kOBl5UvohK1oDfSP1DleAy-cnmL29DqWmhgwM1"
    "ip0CCNmkmsmDSlqkUXDi6sAaZuntyukyflI-qSQ3C_BafPyFaKrt1fgdyEwYa08pESKwwWisy7KnmoUvaJ3SaHmohFS78TJ25cfc10wZ9hQNOr"
    "IChZlkiOdFCtxDqdmCqNacnhgE3bZQjGp3n83ODSz9zwJcSUvODlXBPc2AycH6Ci5yjbxt4Ppox_5pjm6xnQkiPgj01GpsUssMmBN7iHVsrE7N"
    "2iznBNCeOUIQ",  // dq
    "FZhClBMywVVjnuUud-05qd5CYU0dK79akAgy9oX6RX6I3IIIPckCciRrokxglZn-omAY5CnCe4KdrnjFOT5YUZE7G_Pg44XgCXaarLQf4hl80o"
    "PEf6-jJ5Iy6wPRx7G2e8qLxnh9cOdf-kRqgOS3F48Ucvw3ma5V6KGMwQqWFeV31XtZ8l5cVI-I3NzBS7qltpUVgz2Ju021eyc7IlqgzR98qKON"
    "l27DuEES0aK0WE97jnsyO27Yp88Wa2RiBrEocM89QZI1seJiGDizHRUP4UZxw9zsXww46wy0P6f9grnYp7t8LkyDDk8eoI4KX6SNMNVcyVS9IW"
    "jlq8EzqZEKIA",  // qi
};
constexpr std::string_view kS52EncryptedKey =
    "rT99rwrBTbTI7IJM8fU3Eli7226HEB7IchCxNuh7lCiud48LxeolRdtFF4nzQibeYOl5S_PJsAXZwSXtDePz9hk-BbtsTBqC2UsPOdwjC9NhNu"
    "pNNu9uHIVftDyucvI6hvALeZ6OGnhNV4v1zx2k7O1D89mAzfw-_kT3tkuorpDU-CpBENfIHX1Q58-Aad3FzMuo3Fn9buEP2yXakLXYa15BUXQs"
    "upM4A1GD4_H4Bd7V3u9h8Gkg8BpxKdUV9ScfJQTcYm6eJEBz3aSwIaK4T3-dwWpuBOhROQXBosJzS1asnuHtVMt2pKIIfux5BC6huIvmY7kzV7"
    "W7aIUrpYm_3H4zYvyMeq5pGqFmW2k8zpO878TRlZx7pZfPYDSXZyS0CfKKkMozT_qiCwZTSz4duYnt8hS4Z9sGthXn9uDqd6wycMagnQfOTs_l"
    "ycTWmY-aqWVDKhjYNRf03NiwRtb5BE-tOdFwCASQj3uuAgPGrO2AWBe38UjQb0lvXn1SpyvYZ3WFc7WOJYaTa7A8DRn6MC6T-xDmMuxC0G7S2r"
    "scw5lQQU06MvZTlFOt0UvfuKBa03cxA_nIBIhLMjY2kOTxQMmpDPTr6Cbo8aKaOnx6ASE5Jx9paBpnNmOOKH35j_QlrQhDWUN6A2Gg8iFayJ69"
    "xDEdHAVCGRzN3woEI2ozDRs";
constexpr std::string_view kS52Ciphertext =
    "o4k2cnGN8rSSw3IDo1YuySkqeS_t2m1GXklSgqBdpACm6UJuJowOHC5ytjqYgRL-I-soPlwqMUf4UgRWWeaOGNw6vGW-xyM01lTYxrXfVzIIaR"
    "dhYtEMRBvBWbEwP7ua1DRfvaOjgZv6Ifa3brcAM64d8p5lhhNcizPersuhw5f-pGYzseva-TUaL8iWnctc-sSwy7SQmRkfhDjwbz0fz6kFovEg"
    "j64X1I5s7E6GLp5fnbYGLa1QUiML7Cc2GxgvI7zqWo0YIEc7aCflLG1-8BboVWFdZKLK9vNoycrYHumwzKluLWEbSVmaPpOslY2n525DxDfWaV"
    "FUfKQxMF56vn4B9QMpWAbnypNimbM8zVOw";
constexpr std::string_view kS52Protected =
    "eyJhbGciOiJSU0EtT0FFUCIsImtpZCI6InNhbXdpc2UuZ2FtZ2VlQGhvYmJpdG9uLmV4YW1wbGUiLCJlbmMiOiJBMjU2R0NNIn0";
constexpr std::string_view kS53Plaintext =
    "{\"keys\":[{\"kty\":\"oct\",\"kid\":\"77c7e2b8-6e13-45cf-8672-617b5b45243a\",\"use\":\"enc\",\"alg\":\"A128GCM"
    "\",\"k\":\"XctOhJAkA-pD9Lh7ZgW_2A\"},{\"kty\":\"oct\",\"kid\":\"81b20965-8332-43d9-a468-82160ad91ac8\",\"use\""
    ":\"enc\",\"alg\":\"A128KW\",\"k\":\"GZy6sIZ6wl9NJOKB-jnmVQ\"},{\"kty\":\"oct\",\"kid\":\"18ec08e1-bfa9-4d95-b2"
    "05-2b4dd1d4321d\",\"use\":\"enc\",\"alg\":\"A256GCMKW\",\"k\":\"qC57l_uxcm7Nm3K-ct4GFjx8tM1U8CZ0NLBvdQstiS8\"}"
    "]}";
constexpr std::string_view kS53Protected =
    "eyJhbGciOiJQQkVTMi1IUzUxMitBMjU2S1ciLCJwMnMiOiI4UTFTemluYXNSM3hjaFl6NlpaY0hBIiwicDJjIjo4MTkyLCJjdHkiOiJqd2stc2"
    "V0K2pzb24iLCJlbmMiOiJBMTI4Q0JDLUhTMjU2In0";
constexpr std::string_view kS53Ciphertext =
    "23i-Tb1AV4n0WKVSSgcQrdg6GRqsUKxjruHXYsTHAJLZ2nsnGIX86vMXqIi6IRsfywCRFzLxEcZBRnTvG3nhzPk0GDD7FMyXhUHpDjEYCNA_XO"
    "mzg8yZR9oyjo6lTF6si4q9FZ2EhzgFQCLO_6h5EVg3vR75_hkBsnuoqoM3dwejXBtIodN84PeqMb6asmas_dpSsz7H10fC5ni9xIz424givB1Y"
    "LldF6exVmL93R3fOoOJbmk2GBQZL_SEGllv2cQsBgeprARsaQ7Bq99tT80coH8ItBjgV08AtzXFFsx9qKvC982KLKdPQMTlVJKkqtV4Ru5LEVp"
    "BZXBnZrtViSOgyg6AiuwaS-rCrcD_ePOGSuxvgtrokAKYPqmXUeRdjFJwafkYEkiuDCV9vWGAi1DH2xTafhJwcmywIyzi4BqRpmdn_N-zl5tuJ"
    "YyuvKhjKv6ihbsV_k1hJGPGAxJ6wUpmwC4PTQ2izEm0TuSE8oMKdTw8V3kobXZ77ulMwDs4p";
constexpr std::string_view kS54Protected =
    "eyJhbGciOiJFQ0RILUVTK0ExMjhLVyIsImtpZCI6InBlcmVncmluLnRvb2tAdHVja2Jvcm91Z2guZXhhbXBsZSIsImVwayI6eyJrdHkiOiJFQy"
    "IsImNydiI6IlAtMzg0IiwieCI6InVCbzRrSFB3Nmtiang1bDB4b3dyZF9vWXpCbWF6LUdLRlp1NHhBRkZrYllpV2d1dEVLNml1RURzUTZ3TmRO"
    "ZzMiLCJ5Ijoic3AzcDVTR2haVkMyZmFYdW1JLWU5SlUyTW84S3BvWXJGRHI1eVBOVnRXNFBnRXdaT3lRVEEtSmRhWTh0YjdFMCJ9LCJlbmMiOi"
    "JBMTI4R0NNIn0";
constexpr std::string_view kS54Ciphertext =
    "tkZuOO9h95OgHJmkkrfLBisku8rGf6nzVxhRM3sVOhXgz5NJ76oID7lpnAi_cPWJRCjSpAaUZ5dOR3Spy7QuEkmKx8-3RCMhSYMzsXaEwDdXta"
    "9Mn5B7cCBoJKB0IgEnj_qfo1hIi-uEkUpOZ8aLTZGHfpl05jMwbKkTe2yK3mjF6SBAsgicQDVCkcY9BLluzx1RmC3ORXaM0JaHPB93YcdSDGgp"
    "gBWMVrNU1ErkjcMqMoT_wtCex3w03XdLkjXIuEr2hWgeP-nkUZTPU9EoGSPj6fAS-bSz87RCPrxZdj_iVyC6QWcqAu07WNhjzJEPc4jVntRJ6K"
    "53NgPQ5p99l3Z408OUqj4ioYezbS6vTPlQ";
constexpr std::string_view kS55Protected =
    "eyJhbGciOiJFQ0RILUVTIiwia2lkIjoibWVyaWFkb2MuYnJhbmR5YnVja0BidWNrbGFuZC5leGFtcGxlIiwiZXBrIjp7Imt0eSI6IkVDIiwiY3"
    "J2IjoiUC0yNTYiLCJ4IjoibVBVS1RfYkFXR0hJaGcwVHBqanFWc1AxclhXUXVfdndWT0hIdE5rZFlvQSIsInkiOiI4QlFBc0ltR2VBUzQ2ZnlX"
    "dzVNaFlmR1RUMElqQnBGdzJTUzM0RHY0SXJzIn0sImVuYyI6IkExMjhDQkMtSFMyNTYifQ";
constexpr std::string_view kS55Ciphertext =
    "BoDlwPnTypYq-ivjmQvAYJLb5Q6l-F3LIgQomlz87yW4OPKbWE1zSTEFjDfhU9IPIOSA9Bml4m7iDFwA-1ZXvHteLDtw4R1XRGMEsDIqAYtskT"
    "TmzmzNa-_q4F_evAPUmwlO-ZG45Mnq4uhM1fm_D9rBtWolqZSF3xGNNkpOMQKF1Cl8i8wjzRli7-IXgyirlKQsbhhqRzkv8IcY6aHl24j03C-A"
    "R2le1r7URUhArM79BY8soZU0lzwI-sD5PZ3l4NDCCei9XkoIAfsXJWmySPoeRb2Ni5UZL4mYpvKDiwmyzGd65KqVw7MsFfI_K767G9C9Azp73g"
    "KZD0DyUn1mn0WW5LmyX_yJ-3AROq8p1WZBfG-ZyJ6195_JGG2m9Csg";
constexpr std::string_view kS56Protected =
    "eyJhbGciOiJkaXIiLCJraWQiOiI3N2M3ZTJiOC02ZTEzLTQ1Y2YtODY3Mi02MTdiNWI0NTI0M2EiLCJlbmMiOiJBMTI4R0NNIn0";
constexpr std::string_view kS56Ciphertext =
    "JW_i_f52hww_ELQPGaYyeAB6HYGcR559l9TYnSovc23XJoBcW29rHP8yZOZG7YhLpT1bjFuvZPjQS-m0IFtVcXkZXdH_lr_FrdYt9HRUYkshtr"
    "MmIUAyGmUnd9zMDB2n0cRDIHAzFVeJUDxkUwVAE7_YGRPdcqMyiBoCO-FBdE-Nceb4h3-FtBP-c_BIwCPTjb9o0SbdcdREEMJMyZBH8ySWMVi1"
    "gPD9yxi-aQpGbSv_F9N4IZAxscj5g-NJsUPbjk29-s7LJAGb15wEBtXphVCgyy53CoIKLHHeJHXex45Uz9aKZSRSInZI-wjsY0yu3cT4_aQ3i1"
    "o-tiE-F8Ios61EKgyIQ4CWao8PFMj8TTnp";
constexpr std::string_view kS57Protected =
    "eyJhbGciOiJBMjU2R0NNS1ciLCJraWQiOiIxOGVjMDhlMS1iZmE5LTRkOTUtYjIwNS0yYjRkZDFkNDMyMWQiLCJ0YWciOiJrZlBkdVZRM1QzSD"
    "Z2bmV3dC0ta3N3IiwiaXYiOiJLa1lUMEdYXzJqSGxmcU5fIiwiZW5jIjoiQTEyOENCQy1IUzI1NiJ9";
constexpr std::string_view kS57Ciphertext =
    "Jf5p9-ZhJlJy_IQ_byKFmI0Ro7w7G1QiaZpI8OaiVgD8EqoDZHyFKFBupS8iaEeVIgMqWmsuJKuoVgzR3YfzoMd3GxEm3VxNhzWyWtZKX0gxKd"
    "y6HgLvqoGNbZCzLjqcpDiF8q2_62EVAbr2uSc2oaxFmFuIQHLcqAHxy51449xkjZ7ewzZaGV3eFqhpco8o4DijXaG5_7kp3h2cajRfDgymuxUb"
    "WgLqaeNQaJtvJmSMFuEOSAzw9Hdeb6yhdTynCRmu-kqtO5Dec4lT2OMZKpnxc_F1_4yDJFcqb5CiDSmA-psB2k0JtjxAj4UPI61oONK7zzFIu4"
    "gBfjJCndsZfdvG7h8wGjV98QhrKEnR7xKZ3KCr0_qR1B-gxpNk3xWU";
constexpr std::string_view kS58Protected =
    "eyJhbGciOiJBMTI4S1ciLCJraWQiOiI4MWIyMDk2NS04MzMyLTQzZDktYTQ2OC04MjE2MGFkOTFhYzgiLCJlbmMiOiJBMTI4R0NNIn0";
constexpr std::string_view kS58Ciphertext =
    "AwliP-KmWgsZ37BvzCefNen6VTbRK3QMA4TkvRkH0tP1bTdhtFJgJxeVmJkLD61A1hnWGetdg11c9ADsnWgL56NyxwSYjU1ZEHcGkd3EkU0vjH"
    "i9gTlb90qSYFfeF0LwkcTtjbYKCsiNJQkcIp1yeM03OmuiYSoYJVSpf7ej6zaYcMv3WwdxDFl8REwOhNImk2Xld2JXq6BR53TSFkyT7PwVLuq-"
    "1GwtGHlQeg7gDT6xW0JqHDPn_H-puQsmthc9Zg0ojmJfqqFvETUxLAF-KjcBTS5dNy6egwkYtOt8EIHK-oEsKYtZRaa8Z7MOZ7UGxGIMvEmxrG"
    "CPeJa14slv2-gaqK0kEThkaSqdYw0FkQZF";
constexpr std::string_view kS513Ciphertext =
    "ajm2Q-OpPXCr7-MHXicknb1lsxLdXxK_yLds0KuhJzfWK04SjdxQeSw2L9mu3a_k1C55kCQ_3xlkcVKC5yr__Is48VOoK0k63_QRM9tBURMFqL"
    "ByJ8vOYQX0oJW4VUHJLmGhF-tVQWB7Kz8mr8zeE7txF0MSaP6ga7-siYxStR7_G07Thd1jh-zGT0wxM5g-VRORtq0K6AXpLlwEqRp7pkt2zRM0"
    "ZAXqSpe1O6FJ7FHLDyEFnD-zDIZukLpCbzhzMDLLw2-8I14FQrgi-iEuzHgIJFIJn2wh9Tj0cg_kOZy9BqMRZbmYXMY9YQjorZ_P_JYG3ARAIF"
    "3OjDNqpdYe-K_5Q5crGJSDNyij_ygEiItR5jssQVH2ofDQdLChtazE";

}  // namespace

// §5.2: RSA-OAEP (SHA-1) key encryption, A256GCM content.
TEST(Rfc7520Jwe, Section5_2RsaOaepWithA256Gcm) {
  const RsaPrivateKey key = private_key(kSamwiseKey);
  uint8_t cek[64];
  size_t cek_size = 0;
  ASSERT_EQ(rsa_oaep_decrypt(OaepHash::Sha1, key, from_base64url(kS52EncryptedKey), cek, sizeof cek, cek_size), Status::Ok);
  EXPECT_EQ(std::vector<uint8_t>(cek, cek + cek_size), from_base64url("mYMfsggkTAm0TbvtlFh2hyoXnbEzJQjMxmgLN3d8xXA"));
  EXPECT_EQ(content(Enc::A256Gcm, ByteView(cek, cek_size), "-nBoKLH0YkLZPSI9", kS52Protected, kS52Ciphertext,
                    "UCGiqJxhBI3IFVdPalHHvA", kPlaintext),
            kPlaintext);
}

// §5.3: PBES2-HS512+A256KW (p2c 8192) key wrapping, A128CBC-HS256 content.
TEST(Rfc7520Jwe, Section5_3Pbes2WithA128CbcHs256) {
  std::string salt("PBES2-HS512+A256KW");
  salt.push_back('\0');
  const auto p2s = from_base64url("8Q1SzinasR3xchYz6ZZcHA");
  salt.append(p2s.begin(), p2s.end());
  uint8_t kek[32];
  ASSERT_EQ(pbkdf2(Hash::Sha512, std::string_view("entrap_o\xe2\x80\x93peter_long\xe2\x80\x93" "credit_tun"), salt, 8192,
                   kek, sizeof kek),
            Status::Ok);
  const auto cek = unwrap(ByteView(kek, sizeof kek), "d3qNhUWfqheyPp4H8sjOWsDYajoej4c5Je6rlUtFPWdgtURtmeDV1g");
  EXPECT_EQ(cek, from_base64url("uwsjJXaBK407Qaf0_zpcpmr1Cs0CC50hIUEyGNEt3m0"));
  EXPECT_EQ(wrap(ByteView(kek, sizeof kek), cek), from_base64url("d3qNhUWfqheyPp4H8sjOWsDYajoej4c5Je6rlUtFPWdgtURtmeDV1g"));
  EXPECT_EQ(content(Enc::A128CbcHs256, cek, "VBiCzVHNoLiR3F4V82uoTQ", kS53Protected, kS53Ciphertext,
                    "0HlwodAhOCILG5SQ2LQ9dg", kS53Plaintext),
            kS53Plaintext);
}

// §5.4: ECDH-ES+A128KW on P-384, A128GCM content.
TEST(Rfc7520Jwe, Section5_4EcdhEsA128KwWithA128Gcm) {
  const EcPrivateKey peregrin = ec_private_key(Curve::P384, kPeregrinD);
  const EcPublicKey epk = ec_public_key(Curve::P384, "uBo4kHPw6kbjx5l0xowrd_oYzBmaz-GKFZu4xAFFkbYiWgutEK6iuEDsQ6wNdNg3",
                                        "sp3p5SGhZVC2faXumI-e9JU2Mo8KpoYrFDr5yPNVtW4PgEwZOyQTA-JdaY8tb7E0");
  const auto kek = ecdh_es_key(peregrin, epk, "ECDH-ES+A128KW", 16);
  const auto cek = unwrap(kek, "0DJjBXri_kBcC46IkU5_Jk9BqaQeHdv2");
  EXPECT_EQ(cek, from_base64url("Nou2ueKlP70ZXDbq9UrRwg"));
  // The sender's side, from the published ephemeral private key and Peregrin's public key.
  const EcPrivateKey ephemeral = ec_private_key(Curve::P384, "D5H4Y_5PSKZvhfVFbcCYJOtcGZygRgfZkpsBr59Icmmhe9sW6nkZ8WfwhinUfWJg");
  const EcPublicKey peregrin_public =
      ec_public_key(Curve::P384, "YU4rRUzdmVqmRtWOs2OpDE_T5fsNIodcG8G5FWPrTPMyxpzsSOGaQLpe2FpxBmu2",
                    "A8-yxCHxkfBz3hKZfI1jUYMjUhsEveZ9THuwFjH2sCNdtksRJU7D5-SkgaFL1ETP");
  EXPECT_EQ(wrap(ecdh_es_key(ephemeral, peregrin_public, "ECDH-ES+A128KW", 16), cek),
            from_base64url("0DJjBXri_kBcC46IkU5_Jk9BqaQeHdv2"));
  EXPECT_EQ(content(Enc::A128Gcm, cek, "mH-G2zVqgztUtnW_", kS54Protected, kS54Ciphertext, "WuGzxmcreYjpHGJoa17EBg",
                    kPlaintext),
            kPlaintext);
}

// §5.5: ECDH-ES (direct key agreement) on P-256, A128CBC-HS256 content: the derived key is the CEK.
TEST(Rfc7520Jwe, Section5_5EcdhEsWithA128CbcHs256) {
  const EcPrivateKey meriadoc = ec_private_key(Curve::P256, "r_kHyZ-a06rmxM3yESK84r1otSg-aQcVStkRhA-iCM8");
  const EcPublicKey epk = ec_public_key(Curve::P256, "mPUKT_bAWGHIhg0TpjjqVsP1rXWQu_vwVOHHtNkdYoA",
                                        "8BQAsImGeAS46fyWw5MhYfGTT0IjBpFw2SS34Dv4Irs");
  const auto cek = ecdh_es_key(meriadoc, epk, "A128CBC-HS256", 32);
  EXPECT_EQ(cek, from_base64url("hzHdlfQIAEehb8Hrd_mFRhKsKLEzPfshfXs9l6areCc"));
  EXPECT_EQ(content(Enc::A128CbcHs256, cek, "yc9N8v5sYyv3iGQT926IUg", kS55Protected, kS55Ciphertext,
                    "WCCkNa-x4BeB9hIDIfFuhg", kPlaintext),
            kPlaintext);
}

// §5.6: "dir", A128GCM content under the shared key itself.
TEST(Rfc7520Jwe, Section5_6DirectWithA128Gcm) {
  EXPECT_EQ(content(Enc::A128Gcm, from_base64url("XctOhJAkA-pD9Lh7ZgW_2A"), "refa467QzzKx6QAB", kS56Protected,
                    kS56Ciphertext, "vbb32Xvllea2OtmHAdccRQ", kPlaintext),
            kPlaintext);
}

// §5.7: A256GCMKW key wrapping (IV and tag in the header, no AAD), A128CBC-HS256 content.
TEST(Rfc7520Jwe, Section5_7A256GcmKwWithA128CbcHs256) {
  const auto kek = from_base64url(kGcmKwKey), iv = from_base64url("KkYT0GX_2jHlfqN_");
  const auto encrypted_key = from_base64url("lJf3HbOApxMEBkCMOoTnnABxs_CvTWUmZQ2ElLvYNok");
  const auto tag = from_base64url("kfPduVQ3T3H6vnewt--ksw");
  std::vector<uint8_t> cek(encrypted_key.size()), rewrapped(cek.size()), retag(kGcmTagSize);
  ASSERT_EQ(aes_gcm_decrypt(kek, iv, {}, encrypted_key, tag, cek.data()), Status::Ok);
  EXPECT_EQ(cek, from_base64url("UWxARpat23nL9ReIj4WG3D1ee9I4r-Mv5QLuFXdy_rE"));
  ASSERT_EQ(aes_gcm_encrypt(kek, iv, {}, cek, rewrapped.data(), retag.data()), Status::Ok);
  EXPECT_EQ(rewrapped, encrypted_key);
  EXPECT_EQ(retag, tag);
  EXPECT_EQ(content(Enc::A128CbcHs256, cek, "gz6NjyEFNm_vm8Gj6FwoFQ", kS57Protected, kS57Ciphertext,
                    "DKW7jrb4WaRSNfbXVPlT5g", kPlaintext),
            kPlaintext);
}

// §5.8: A128KW key wrapping, A128GCM content.
TEST(Rfc7520Jwe, Section5_8A128KwWithA128Gcm) {
  const auto kek = from_base64url("GZy6sIZ6wl9NJOKB-jnmVQ");
  const auto cek = unwrap(kek, "CBI6oDw8MydIx1IBntf_lQcw2MmJKIQx");
  EXPECT_EQ(cek, from_base64url("aY5_Ghmk9KxWPBLu_glx1w"));
  EXPECT_EQ(wrap(kek, cek), from_base64url("CBI6oDw8MydIx1IBntf_lQcw2MmJKIQx"));
  EXPECT_EQ(content(Enc::A128Gcm, cek, "Qx0pmsDa8KnJc9Jo", kS58Protected, kS58Ciphertext, "ER7MWJZ1FBI_NKvn7Zb1Lw",
                    kPlaintext),
            kPlaintext);
}

// §5.13: one CEK for three recipients; the ECDH-ES+A256KW (P-384) and A256GCMKW recipients each
// recover it (the third, RSA1_5, is refused by edgejwt), and it decrypts the A128CBC-HS256 content.
TEST(Rfc7520Jwe, Section5_13TwoRecipientsOneCek) {
  const std::vector<uint8_t> expected = from_base64url("zXayeJ4gvm8NJr3IUInyokTUO-LbQNKEhe_zWlYbdpQ");
  const EcPublicKey epk = ec_public_key(Curve::P384, "Uzdvk3pi5wKCRc1izp5_r0OjeqT-I68i8g2b8mva8diRhsE2xAn2DtMRb25Ma2CX",
                                        "VDrRyFJh-Kwd1EjAgmj5Eo-CTHAZ53MC7PjjpLioy3ylEjI1pOMbw91fzZ84pbfm");
  const auto kek = ecdh_es_key(ec_private_key(Curve::P384, kPeregrinD), epk, "ECDH-ES+A256KW", 32);
  EXPECT_EQ(unwrap(kek, "ExInT0io9BqBMYF6-maw5tZlgoZXThD1zWKsHixJuw_elY4gSSId_w"), expected);
  const auto encrypted_key = from_base64url("a7CclAejo_7JSuPB8zeagxXRam8dwCfmkt9-WyTpS1E");
  std::vector<uint8_t> cek(encrypted_key.size());
  ASSERT_EQ(aes_gcm_decrypt(from_base64url(kGcmKwKey), from_base64url("AvpeoPZ9Ncn9mkBn"), {}, encrypted_key,
                            from_base64url("59Nqh1LlYtVIhfD3pgRGvw"), cek.data()),
            Status::Ok);
  EXPECT_EQ(cek, expected);
  EXPECT_EQ(content(Enc::A128CbcHs256, cek, "VgEIHY20EnzUtZFl2RpB1g", "eyJlbmMiOiJBMTI4Q0JDLUhTMjU2In0",
                    kS513Ciphertext, "BESYyFN7T09KY7i8zKs5_g", kPlaintext),
            kPlaintext);
}
