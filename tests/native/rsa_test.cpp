// RSA adapters: published vectors (RFC 7515 A.2, RFC 7520 §4.1/§4.2), an OpenSSL-made key whose
// EM is one byte shorter than its modulus, each step of EMSA-PSS verification, round trips with
// generated keys at 2048, 3072 and 4096 bits, and the key checks.
#include "crypto/rsa.h"

#include <gtest/gtest.h>

#include <map>
#include <string_view>

#include "crypto/emsa_pss.h"
#include "keys/pkix.h"
#include "pkix_fixtures.h"
#include "rsa_keys.h"
#include "test_support.h"
#include "vectors.h"

using namespace edgejwt;
using namespace edgejwt::test;

namespace {

// RFC 7515 Appendix A.2: the RS256 example's key (A.2.1) and its signature over the A.1 payload.
constexpr JwkParts kRfc7515A2Key{
    // n
    "ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddxHmfHQp-Vaw-4qPCJrcS2mJPMEzP1Pt0Bm4d4QlL-yR"
    "T-SFd2lZS-pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGzjb_7OMg0LOL-bSf63kpaSHSXndS5z5rexMdbBYUsLA9e-KXB"
    "dQOS-UTo7WTBEMa2R2CapHg665xsmtdVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_I5IhlJH7aGhyxXFvUK-DWNmoudF8NAco9_h9ia"
    "GNj8q2ethFkMLs91kzk2PAcDTW9gb54h4FRWyuXpoQ",
    // e
    "AQAB",
    // d
    "Eq5xpGnNCivDflJsRQBXHx1hdR1k6Ulwe2JZD50LpXyWPEAeP88vLNO97IjlA7_GQ5sLKMgvfTeXZx9SE-7YwVol2NXOoAJe46su"
    "i395IW_GO-pWJ1O0BkTGoVEn2bKVRUCgu-GjBVaYLU6f3l9kJfFNS3E0QbVdxzubSu3Mkqzjkn439X0M_V51gfpRLI9JYanrC4D4"
    "qAdGcopV_0ZHHzQlBjudU2QvXt4ehNYTCBr6XCLQUShb1juUO1ZdiYoFaFQT5Tw8bGUl_x_jTj3ccPDVZFD9pIuhLhBOneufuBiB"
    "4cS98l2SR_RQyGWSeWjnczT0QU91p1DhOVRuOopznQ",
    // p
    "4BzEEOtIpmVdVEZNCqS7baC4crd0pqnRH_5IB3jw3bcxGn6QLvnEtfdUdiYrqBdss1l58BQ3KhooKeQTa9AB0Hw_Py5PJdTJNPY8"
    "cQn7ouZ2KKDcmnPGBY5t7yLc1QlQ5xHdwW1VhvKn-nXqhJTBgIPgtldC-KDV5z-y2XDwGUc",
    // q
    "uQPEfgmVtjL0Uyyx88GZFF1fOunH3-7cepKmtH4pxhtCoHqpWmT8YAmZxaewHgHAjLYsp1ZSe7zFYHj7C6ul7TjeLQeZD_YwD66t"
    "62wDmpe_HlB-TnBA-njbglfIsRLtXlnDzQkv5dTltRJ11BKBBypeeF6689rjcJIDEz9RWdc",
    // dp
    "BwKfV3Akq5_MFZDFZCnW-wzl-CCo83WoZvnLQwCTeDv8uzluRSnm71I3QCLdhrqE2e9YkxvuxdBfpT_PI7Yz-FOKnu1R6HsJeDCj"
    "n12Sk3vmAktV2zb34MCdy7cpdTh_YVr7tss2u6vneTwrA86rZtu5Mbr1C1XsmvkxHQAdYo0",
    // dq
    "h_96-mK1R_7glhsum81dZxjTnYynPbZpHziZjeeHcXYsXaaMwkOlODsWa7I9xXDoRwbKgB719rrmI2oKr6N3Do9U0ajaHF-NKJnw"
    "gjMd2w9cjz3_-kyNlxAr2v4IKhGNpmM5iIgOS1VZnOZ68m6_pbLBSp3nssTdlqvd0tIiTHU",
    // qi
    "IYd7DHOhrWvxkwPQsRM2tOgrjbcrfvtQJipd-DlcxyVuuM9sQLdgjVk2oy26F0EmpScGLq2MowX7fhd_QJQ3ydy5cY7YIBi87w93"
    "IKLEdfnbJtoOPLUW0ITrJReOgo1cq9SbsxYawBgfp_gh6A5603k2-ZQwVK0JKSHuLFkuQ3U"};
constexpr std::string_view kRfc7515A2SigningInput =
    "eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19"
    "yb290Ijp0cnVlfQ";
constexpr std::string_view kRfc7515A2Signature =
    "cC4hiUPoj9Eetdgtv3hF80EGrhuB__dzERat0XF9g2VtQgr9PJbu3XOiZj5RZmh7AAuHIm4Bh-0Qc_lF5YKt_O8W2Fp5jujGbds9"
    "uJdbF9CUAr7t1dnZcAcQjbKBYNX4BAynRFdiuB--f_nZLgrnbyTyWzO75vRK5h6xBArLIARNPvkSjtQBMHlb1L07Qe7K0GarZRmB"
    "_eSN9383LcOLn6_dO--xi12jzDwusC-eOkHWEsqtFZESc6BfI7noOPqvhJ1phCnvWh6IeYI2w9QOYEUipUTI8np6LbgGY9Fs98rq"
    "Vt5AXLIhWkWywlVmtVrBp0igcN_IoypGlUPQGe77Rw";
// A 2049-bit key made for these tests (p ≡ q ≡ 1 mod 4) and its signatures over kOpenSslMessage by
// OpenSSL 4.0 (through pyca/cryptography): with modBits ≡ 1 (mod 8), EM is one byte shorter than
// the modulus.
constexpr JwkParts kOpenSsl2049Key{
    // n
    "AV8prfOgmZAorNv_y2kY4T8saHJhEq2LayFKurBw8MelLM78cs12u9TqT1Vd9m06ZOqFnNOJTTUbq47eASi8OxRdK_RjamhAN9hT"
    "i6yw8c3UJ4wfS46OY0yma17mX36LdYlkBtDGiSr03eVjyBFYkaGUCyZ_K-fgZAo7Sp_Ni-HoRvOdaofKYmg1x0q9Sd8430YU1vv1"
    "x8hlylfnZzMu0w4jNwlX2eEDCjo4WQEPuZikdNZMauy5-7xks9o4ssZbXahpGHH8Q5pe73ssjm4e37bAiESQ2ZUSf30t-dv3H-eL"
    "xeTPYHCsGlfmB5ZcGgCJequFXQL-jRKGAhCxBIvyek0",
    // e
    "AQAB",
    // d
    "V4PG4Q4_bwygBcTiH-tOKWULE6RLGBqEhJu_2nyPGSY6PExwXPGv_nA1fMApy49vun25d4OCjQ98CiMcNVdxvtG4hFOpX1lPwZcS"
    "mmNPo7zxbSuYdCrapu3bmN8_YcVmMasOwsWTxjOXwFUFdYM16gd_3uR3H_bNX7pmjtxWNeJMij_HxhbUR6IbMi0xjpAV_0_rHPKl"
    "pwTA_gPKe5MqQfphwxxnqG5VAiWMV9jva2vxI52Y_wFnj46SLmFT4vhJoZBjOdlSTMTSKqkPdbUG2tnST7tGdPiRjOeh1mREEv64"
    "lzS-aXZTq-Ia4PCFxBipMQSbX9JjAUUEYu_RqsBuEQ",
    // p
    "ATfyolTEVrhdwgbMyohL4SB_r6Z4mVfA5hrHYpvuLp9a-oUCzIzqAZtA0rx3S_YbfTgegn3qbFw25Ft20T2EgdRzu3B-0EGC7Ypd"
    "3bWh0YM_QoLnfKwTg9i-H8Nxlz53-XtOfLO1xXajsBWwSDnCNS1fRP4vVS-tVTKqHEpPvpg9",
    // q
    "ASAui0ol7BsDEUtU_2fFZ0L1p17O9_EnPHmzT4Wew33A4yFbudgpIJwurw5kWrFIJVf1X0ssS6WslR0RGIL4pDcahqOLsvWQDH2R"
    "91tBs2zzLlzs_BFyGixjLejUJitbuTdqQw2_xJTlg1HPtFruGVjv2zA7opSn0RMc_PlMa3tR",
    // dp
    "s88X4uSJWBwzCthgpc-XJLR0-u_o87ws5qKnJFpWZWR7os_KOC9qXaMv1ZKuJl4R_5cWgJ3vd_fsCQyj72HBtERBdsaiJCDj6y3P"
    "7jIoIg8Et4_XPRjCltyAUpfXJhrho0HKf4v3Fjuj89x4xVI8dLrFef6ui5zNzzZeuDbfFcE",
    // dq
    "CIR3p3RhexbnHvPfLKEAAVGjZcD2QRFozywGkKt1mbTmwailYIcuqI8Uq3c52v2H5Qaij2U6wyXLrnU_5TcWG27URecuHeXpCJkU"
    "14SkmfbCCwsSFC3sKh2wUK5chnGKkuG4I6LkW4ZBEFz0Nq_M3f0Q3GcW0g_3tPnpXDDvCFE",
    // qi
    "7duLBkMJgxLpW2Mg_1mD1TqfJkQiKNSKOs7INWS4MsjIwdUXpYh0BqVRSZqNQX4pPKxQhuIS8LHyq8gVf3YZ-4xozWHWya5qdOuK"
    "yMp9DsWFCq1iQlNil8b-5vb8oNG9KTt1aaOOJOKMlcxOaQmJETqYX2AA77faWRVJjPqZZZs"};
constexpr std::string_view kOpenSslMessage = "PS256 with a 2049-bit modulus";
constexpr std::string_view kOpenSslRs256 =
    "AOs2vUEId9KOgYdGTGP0AfgW0eCx7WhYe-1-mhu34K3VXSPz6SLX2b6FDP4-CiaHpxpows-XsP2kf4-q3G59y8sQY9_Cp6Gsn-fq"
    "WraBlpd5_cm_-w9FgT09l3MXIWmKX4YldEkZw_BAANCBMzvuRhwxZxeZLi3D2KlsUHlfVib0lqbazRiU_gD0D9XBRxHev6URRc_E"
    "VsJxnCngmraYRgZVqYZNgeT8VICvPVLV-xxIVjwc8Ft52Ak3pRBMzBrUp6h7efLFo6rgdmVc-GxzvRfUJGuZMsXTyMwTO26ug3y8"
    "kBB3442JJo73-vBrsvNeBLItyTM0KFFVY-Z2YKDdDy4";
constexpr std::string_view kOpenSslPs256 =
    "ALYO5pEJplBOwqv2CKQc-cvdgmAUpfpB8vrtZKNV_lwWBa58GKO31jJLx1EaAjCwoaoHC8itekjL0CY7BYmJg0okkHfIfuQru-tU"
    "t2tH1VxB0A3HDEsqPC6VfT36fs1aXITdx284wYdJtaEqvLekvGAO0McE5wGIzhYLNvF5ylPTcfrcP10VwG40WewI7x3Csf4W49Nf"
    "qP7tLyC4miektsKb-Gw6Ebhz5N7xBnFvPgrH1no1GkGMbFkM4nCl1noPwBj4zizubD326yNE8wtEZz4IQhBwM-iZq3TLxlJGa9Q9"
    "IpD5ChYsM62dSvK04jhog43etuFUu-513WzFZYhFJ9g";
constexpr std::string_view kOpenSslPs512 =
    "AONdRXsBnpRenSZkOO_MECdI1zvqLr1oKerPoKnn8XQRYHQLJpx6uK13GeP4U_ilwbJfvVl7PvHjaOoW7fRte4C34yxAzU_s3O9U"
    "h74lxG7m5OaSU_3nNC2eZbOK79-YvJdxjGAvSld_ne2B_OlwMmndd7YCfhd7cN1C0FG6sAK46vp3Ngt_mNqzkK4vDlhINheiir-Q"
    "cR8kLRXyD9FLny2Or4chZoB2-tZz_kmGybPMYgOJZ2cP3GumrKcrKLTI8MfJsTaOza87XUqAwt3_hqOzGJlxw-JTctLMlfEZ8bkY"
    "me21g7A0pbZnZjj3Bb-MwepvhhJhZhOxODgMMCS24ZM";
// The encoded message inside kOpenSslPs256 (its s^e mod n, 256 bytes for emBits 2048) and the salt
// it carries: emsa_pss_encode must rebuild it exactly from that salt.
constexpr std::string_view kOpenSslPs256EncodedMessage =
    "febd04fa104ff89f6b381a5f6a5d7c4adc49d780088987b35f950fab98f42d6bff43f1a57d5752aa2db2e46d3794dc3d"
    "5e56c165118e26f62fa8aa0a41de8d5890c16a2ed7e533c5e72ac0567c01c18bafeeb33fc0287bb4c253607a386b71dd"
    "88dddfdf510042ab5744e3cc9343ed8c5c71eead234aae2bb2b5e1dc4373c7849d77354c890c55b53010f2e4a9cc9d16"
    "56cb9769bf49dcb5e6267090d92a4c2f3eddc9f619c9cbe02ee3b57fc53cad0d8a8c5d0a05d4b0e468e0a0a89f1ff9e1"
    "b26a517b5b595538711055faff415459bf406ab062ec33c5bc243eb21ae415b471f26ac0966bb0402aa598b305964e51"
    "6f085219e195ed93979b81e3031121bc";
constexpr std::string_view kOpenSslPs256Salt = "5d81a90ddc00900657ac0b4b9d673dd5f49071e8b5f3b3b50f41e93ecb25580c";

// s = (2^2048 + EM)^d mod n for a valid PS256 encoding EM of kOpenSslMessage (EM < n - 2^2048): its
// s^e mod n is 0x01 || EM on 257 bytes, which RFC 8017 §8.1.2 step 2c refuses (OpenSSL does too).
constexpr std::string_view kTopByteSetPs256 =
    "AMhHjITvcj72WBFYOLQzVlPtRU1RG5T_Z7k8MmpQVZ8dWZMdHpiE9qOYnrkBXh_NRcsSASSS3kxCdBYBddIEQsRNEDujHCN8UFPJ"
    "4JkVA9iQpIptFCuje63WQW3Och2xaoOj6iXYoUY8tE2Up9F1lqI-Ua2sRxsNQEpqVgbk6EFfER53wZHuksSVjVY7GE9nAQb7XxAS"
    "Ondn0msRycKfP9Gq9S1YFavHWsP1qORluCe8qkgazYdLkcnOV-31YNbuL4AtCAhbLKiner0dZ-iwFMI8Jtm0uv-3TYEe1pklBJKy"
    "N8xWwXjqJl_5dIkCxBEMOIevoJsYbY9wTOZVjvMCQqI";

constexpr Hash kHashes[] = {Hash::Sha256, Hash::Sha384, Hash::Sha512};
constexpr std::string_view kMessage = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1MSJ9";

// `bytes` (not empty) with one bit of its last byte flipped.
SecretBytes flipped(const SecretBytes &bytes) {
  std::vector<uint8_t> changed(bytes.view().data, bytes.view().data + bytes.size());
  if (!changed.empty()) changed.back() ^= 2;
  return SecretBytes(changed);
}

// A key of each size, generated once per test process (4096-bit generation takes a while).
const RsaPrivateKey &generated_key(size_t bits) {
  static std::map<size_t, RsaPrivateKey> keys;
  auto found = keys.find(bits);
  if (found == keys.end()) {
    RsaPrivateKey key;
    EXPECT_EQ(rsa_generate(bits, key), Status::Ok);
    found = keys.emplace(bits, std::move(key)).first;
  }
  return found->second;
}

std::vector<uint8_t> pkcs1_signature(Hash hash, const RsaPrivateKey &key, ByteView message) {
  std::vector<uint8_t> signature;
  EXPECT_EQ(rsa_pkcs1_sign(hash, key, message, signature), Status::Ok);
  return signature;
}

std::vector<uint8_t> pss_signature(Hash hash, const RsaPrivateKey &key, ByteView message) {
  std::vector<uint8_t> signature;
  EXPECT_EQ(rsa_pss_sign(hash, key, message, signature), Status::Ok);
  return signature;
}

}  // namespace

// --- Published vectors ------------------------------------------------------------------------

TEST(RsaVectors, Rfc7515AppendixA2SignsDeterministically) {
  const RsaPrivateKey key = private_key(kRfc7515A2Key);
  ASSERT_EQ(rsa_check_private_key(key), Status::Ok);
  EXPECT_EQ(pkcs1_signature(Hash::Sha256, key, kRfc7515A2SigningInput), from_base64url(kRfc7515A2Signature));
  EXPECT_EQ(rsa_pkcs1_verify(Hash::Sha256, key.public_key, kRfc7515A2SigningInput,
                             from_base64url(kRfc7515A2Signature)),
            Status::Ok);
}

// RFC 7520's key has p ≡ 1 (mod 4), where BearSSL cannot recover e, so the key check's signature
// test is what binds e and d to the CRT values.
TEST(RsaVectors, Rfc7520Section4_1Rs256) {
  rapidjson::Document document;
  EDGEJWT_LOAD_VECTORS_OR_SKIP("jose-cookbook/jws/4_1.rsa_v15_signature.json", document);
  const auto &jwk = document["input"]["key"];
  const RsaPrivateKey key = private_key({jwk["n"].GetString(), jwk["e"].GetString(), jwk["d"].GetString(),
                                         jwk["p"].GetString(), jwk["q"].GetString(), jwk["dp"].GetString(),
                                         jwk["dq"].GetString(), jwk["qi"].GetString()});
  ASSERT_EQ(rsa_check_private_key(key), Status::Ok);
  const std::string_view signing_input = document["signing"]["sig-input"].GetString();
  EXPECT_EQ(pkcs1_signature(Hash::Sha256, key, signing_input), from_base64url(document["signing"]["sig"].GetString()));
}

TEST(RsaVectors, Rfc7520Section4_2Ps384) {
  rapidjson::Document document;
  EDGEJWT_LOAD_VECTORS_OR_SKIP("jose-cookbook/jws/4_2.rsa-pss_signature.json", document);
  const auto &jwk = document["input"]["key"];
  const RsaPublicKey key{from_base64url(jwk["n"].GetString()), from_base64url(jwk["e"].GetString())};
  const std::string signing_input = document["signing"]["sig-input"].GetString();
  const auto signature = from_base64url(document["signing"]["sig"].GetString());
  EXPECT_EQ(rsa_pss_verify(Hash::Sha384, key, signing_input, signature), Status::Ok);
  EXPECT_EQ(rsa_pss_verify(Hash::Sha384, key, signing_input + " ", signature), Status::SignatureInvalid);
  EXPECT_EQ(rsa_pss_verify(Hash::Sha256, key, signing_input, signature), Status::SignatureInvalid);
}

// --- A modulus of 2049 bits: EM is k - 1 bytes -------------------------------------------------

TEST(RsaOddModulus, OpenSslSignaturesVerify) {
  const RsaPrivateKey key = private_key(kOpenSsl2049Key);
  ASSERT_EQ(rsa_check_private_key(key), Status::Ok);
  EXPECT_EQ(rsa_pss_verify(Hash::Sha256, key.public_key, kOpenSslMessage, from_base64url(kOpenSslPs256)), Status::Ok);
  EXPECT_EQ(rsa_pss_verify(Hash::Sha512, key.public_key, kOpenSslMessage, from_base64url(kOpenSslPs512)), Status::Ok);
  EXPECT_EQ(rsa_pkcs1_verify(Hash::Sha256, key.public_key, kOpenSslMessage, from_base64url(kOpenSslRs256)),
            Status::Ok);
  EXPECT_EQ(pkcs1_signature(Hash::Sha256, key, kOpenSslMessage), from_base64url(kOpenSslRs256));
}

TEST(RsaOddModulus, EncodingMatchesOpenSsl) {
  uint8_t m_hash[kMaxHashSize];
  hash_bytes(Hash::Sha256, kOpenSslMessage, m_hash);
  std::vector<uint8_t> encoded(emsa_pss_length(2048));
  ASSERT_EQ(emsa_pss_encode(Hash::Sha256, m_hash, from_hex(kOpenSslPs256Salt).data(), 2048, encoded.data()),
            Status::Ok);
  EXPECT_EQ(to_hex(encoded.data(), encoded.size()), kOpenSslPs256EncodedMessage);
}

TEST(RsaOddModulus, PssRoundTripsAndRefusesANonZeroTopByte) {
  const RsaPrivateKey key = private_key(kOpenSsl2049Key);
  for (Hash hash : kHashes) {
    const auto signature = pss_signature(hash, key, kOpenSslMessage);
    ASSERT_EQ(signature.size(), 257u);
    EXPECT_EQ(rsa_pss_verify(hash, key.public_key, kOpenSslMessage, signature), Status::Ok);
  }
  EXPECT_EQ(rsa_pss_verify(Hash::Sha256, key.public_key, kOpenSslMessage, from_base64url(kTopByteSetPs256)),
            Status::SignatureInvalid);
}

// --- EMSA-PSS verification, step by step (RFC 8017 §9.1.2) -------------------------------------

class EmsaPss : public ::testing::TestWithParam<size_t> {
 protected:
  // A valid encoding of hash("message") for emBits = GetParam() with SHA-256 and a fixed salt; the
  // 8·emLen - emBits leftmost bits are zero (step 11).
  void SetUp() override {
    hash_bytes(Hash::Sha256, std::string_view("message"), m_hash_);
    const std::vector<uint8_t> salt(32, 0x5a);
    encoded_.resize(emsa_pss_length(GetParam()));
    ASSERT_EQ(emsa_pss_encode(Hash::Sha256, m_hash_, salt.data(), GetParam(), encoded_.data()), Status::Ok);
    ASSERT_EQ(encoded_[0] >> (8 - (8 * encoded_.size() - GetParam())), 0);
    ASSERT_EQ(verify(encoded_), Status::Ok);
  }
  Status verify(const std::vector<uint8_t> &encoded) const {
    return emsa_pss_verify(Hash::Sha256, m_hash_, encoded.data(), GetParam());
  }
  // encoded_ with `mask` XORed into the byte at `index`, verified.
  Status verify_changed(size_t index, uint8_t mask) const {
    std::vector<uint8_t> changed = encoded_;
    changed[index] ^= mask;
    return verify(changed);
  }
  // DB = PS || 0x01 || salt, then H, then 0xbc: the offsets of each part.
  size_t separator() const { return encoded_.size() - 32 - 1 - 32 - 1; }
  size_t h_offset() const { return encoded_.size() - 32 - 1; }

  uint8_t m_hash_[kMaxHashSize];
  std::vector<uint8_t> encoded_;
};

TEST_P(EmsaPss, EachStepRejects) {
  EXPECT_EQ(verify_changed(encoded_.size() - 1, 0x01), Status::SignatureInvalid) << "step 4: 0xbc trailer";
  if (8 * encoded_.size() > GetParam()) {
    // Step 9 clears the same bit after unmasking, so only step 6 can notice it.
    EXPECT_EQ(verify_changed(0, 0x80), Status::SignatureInvalid) << "step 6: a bit beyond emBits";
  }
  EXPECT_EQ(verify_changed(1, 0x01), Status::SignatureInvalid) << "step 10: PS not zero";
  EXPECT_EQ(verify_changed(separator(), 0x01), Status::SignatureInvalid) << "step 10: 0x01 separator";
  EXPECT_EQ(verify_changed(separator() + 1, 0x01), Status::SignatureInvalid) << "step 14: salt, so H' ≠ H";
  EXPECT_EQ(verify_changed(h_offset(), 0x01), Status::SignatureInvalid) << "step 14: H";
  uint8_t other_hash[kMaxHashSize];
  hash_bytes(Hash::Sha256, std::string_view("massage"), other_hash);
  EXPECT_EQ(emsa_pss_verify(Hash::Sha256, other_hash, encoded_.data(), GetParam()), Status::SignatureInvalid);
}

// 2047 and 4095: the moduli JWS mostly meets (one unused bit); 2046: two; 2048: a modulus of 2049
// bits, where EM has no unused bit and is one byte shorter than the modulus.
INSTANTIATE_TEST_SUITE_P(EmBits, EmsaPss, ::testing::Values(2046, 2047, 2048, 4095));

TEST(EmsaPssLimits, EncodedMessageMustFitHashSaltAndLimit) {
  uint8_t m_hash[kMaxHashSize] = {}, salt[kMaxHashSize] = {};
  std::vector<uint8_t> encoded(1024);
  EXPECT_EQ(emsa_pss_encode(Hash::Sha512, m_hash, salt, 8 * 130, encoded.data()), Status::Ok);
  EXPECT_EQ(emsa_pss_encode(Hash::Sha512, m_hash, salt, 8 * 129, encoded.data()), Status::InvalidArgument);
  EXPECT_EQ(emsa_pss_encode(Hash::Sha256, m_hash, salt, kRsaMaxModulusBits + 1, encoded.data()),
            Status::InvalidArgument);
  EXPECT_EQ(emsa_pss_verify(Hash::Sha512, m_hash, encoded.data(), 8 * 129), Status::SignatureInvalid);
}

// --- Generated keys: round trips at each supported size ----------------------------------------

class RsaGenerated : public ::testing::TestWithParam<size_t> {
 protected:
  const RsaPrivateKey &key() const { return generated_key(GetParam()); }
  size_t k() const { return GetParam() / 8; }
};

TEST_P(RsaGenerated, KeyHasTheRequestedShape) {
  const RsaPrivateKey &generated = key();
  ASSERT_EQ(generated.public_key.n.size(), k());
  EXPECT_GE(generated.public_key.n[0], 0x80);
  EXPECT_EQ(generated.public_key.e, (std::vector<uint8_t>{0x01, 0x00, 0x01}));
  for (const SecretBytes *part :
       {&generated.d, &generated.p, &generated.q, &generated.dp, &generated.dq, &generated.qi}) {
    ASSERT_GT(part->size(), 0u);
    EXPECT_NE(part->view().data[0], 0) << "leading zero byte";
  }
  EXPECT_EQ(rsa_check_private_key(generated), Status::Ok);
}

TEST_P(RsaGenerated, Pkcs1SignsDeterministicallyAndVerifies) {
  const std::string message(kMessage);
  for (Hash hash : kHashes) {
    const auto signature = pkcs1_signature(hash, key(), message);
    ASSERT_EQ(signature.size(), k());
    EXPECT_EQ(pkcs1_signature(hash, key(), message), signature);
    EXPECT_EQ(rsa_pkcs1_verify(hash, key().public_key, message, signature), Status::Ok);
    EXPECT_EQ(rsa_pkcs1_verify(hash, key().public_key, message + "x", signature), Status::SignatureInvalid);
    auto tampered = signature;
    tampered[k() / 2] ^= 0x01;
    EXPECT_EQ(rsa_pkcs1_verify(hash, key().public_key, message, tampered), Status::SignatureInvalid);
    EXPECT_EQ(rsa_pss_verify(hash, key().public_key, message, signature), Status::SignatureInvalid);
  }
  EXPECT_EQ(rsa_pkcs1_verify(Hash::Sha384, key().public_key, message, pkcs1_signature(Hash::Sha256, key(), message)),
            Status::SignatureInvalid);
}

TEST_P(RsaGenerated, PssSignsWithFreshSaltsAndVerifies) {
  const std::string message(kMessage);
  for (Hash hash : kHashes) {
    const auto signature = pss_signature(hash, key(), message);
    ASSERT_EQ(signature.size(), k());
    EXPECT_NE(pss_signature(hash, key(), message), signature) << "the salt must be random";
    EXPECT_EQ(rsa_pss_verify(hash, key().public_key, message, signature), Status::Ok);
    EXPECT_EQ(rsa_pss_verify(hash, key().public_key, message + "x", signature), Status::SignatureInvalid);
    auto tampered = signature;
    tampered[k() - 1] ^= 0x80;
    EXPECT_EQ(rsa_pss_verify(hash, key().public_key, message, tampered), Status::SignatureInvalid);
    EXPECT_EQ(rsa_pkcs1_verify(hash, key().public_key, message, signature), Status::SignatureInvalid);
  }
  EXPECT_EQ(rsa_pss_verify(Hash::Sha512, key().public_key, message, pss_signature(Hash::Sha384, key(), message)),
            Status::SignatureInvalid);
}

INSTANTIATE_TEST_SUITE_P(Bits, RsaGenerated, ::testing::Values(2048, 3072, 4096));

// --- Signature form ----------------------------------------------------------------------------

TEST(RsaSignature, WrongLengthIsSignatureLength) {
  const RsaPublicKey &key = fixture_key().public_key;
  for (size_t size : {0, 1, 255, 257, 512}) {
    const std::vector<uint8_t> signature(size, 0x01);
    EXPECT_EQ(rsa_pkcs1_verify(Hash::Sha256, key, kMessage, signature), Status::SignatureLength) << size;
    EXPECT_EQ(rsa_pss_verify(Hash::Sha256, key, kMessage, signature), Status::SignatureLength) << size;
  }
}

TEST(RsaSignature, NotBelowTheModulusIsRejected) {
  const RsaPublicKey &key = fixture_key().public_key;
  const std::vector<uint8_t> all_ones(256, 0xFF);
  for (const std::vector<uint8_t> *signature : {&key.n, &all_ones}) {
    EXPECT_EQ(rsa_pkcs1_verify(Hash::Sha256, key, kMessage, *signature), Status::SignatureInvalid);
    EXPECT_EQ(rsa_pss_verify(Hash::Sha256, key, kMessage, *signature), Status::SignatureInvalid);
  }
}

// --- Key checks --------------------------------------------------------------------------------

TEST(RsaKeyCheck, PublicKeyRules) {
  const RsaPublicKey &good = fixture_key().public_key;
  EXPECT_EQ(rsa_check_public_key(good), Status::Ok);
  const auto with_n = [&](std::vector<uint8_t> n) { return rsa_check_public_key({std::move(n), good.e}); };
  const auto with_e = [&](std::vector<uint8_t> e) { return rsa_check_public_key({good.n, std::move(e)}); };

  std::vector<uint8_t> n1024(good.n.begin(), good.n.begin() + 128);
  n1024.back() |= 1;
  EXPECT_EQ(with_n(n1024), Status::KeyTooShort);
  std::vector<uint8_t> n2047 = good.n;
  n2047[0] &= 0x7F;
  EXPECT_EQ(with_n(n2047), Status::KeyTooShort);
  std::vector<uint8_t> n4097(513, 0xFF);
  n4097[0] = 0x01;
  EXPECT_EQ(with_n(n4097), Status::KeyUnsupported);
  std::vector<uint8_t> even = good.n;
  even.back() &= 0xFE;
  EXPECT_EQ(with_n(even), Status::KeyInvalid);
  std::vector<uint8_t> zero_padded = good.n;
  zero_padded.insert(zero_padded.begin(), 0x00);
  EXPECT_EQ(with_n(zero_padded), Status::Ok) << "leading zero bytes do not count as modulus bits";
  EXPECT_EQ(with_n({}), Status::KeyTooShort);

  EXPECT_EQ(with_e({0x01}), Status::KeyInvalid);
  EXPECT_EQ(with_e({0x01, 0x00, 0x00}), Status::KeyInvalid);
  EXPECT_EQ(with_e({}), Status::KeyInvalid);
  EXPECT_EQ(with_e({0x01, 0x00, 0x00, 0x00, 0x01}), Status::KeyInvalid);
  EXPECT_EQ(with_e({0x03}), Status::Ok);
  EXPECT_EQ(with_e({0xFF, 0xFF, 0xFF, 0xFF}), Status::Ok);
}

TEST(RsaKeyCheck, PrivateKeyPartsMustAgree) {
  const RsaPrivateKey &good = fixture_key();
  ASSERT_EQ(rsa_check_private_key(good), Status::Ok);

  RsaPrivateKey other_n = copy(good);
  other_n.public_key.n = from_base64url(kRfc7515A2Key.n);
  EXPECT_EQ(rsa_check_private_key(other_n), Status::KeyInvalid) << "n ≠ p·q";
  RsaPrivateKey other_e = copy(good);
  other_e.public_key.e = {0x03};
  EXPECT_EQ(rsa_check_private_key(other_e), Status::KeyInvalid) << "e";
  RsaPrivateKey swapped = copy(good);
  std::swap(swapped.p, swapped.q);
  std::swap(swapped.dp, swapped.dq);
  EXPECT_EQ(rsa_check_private_key(swapped), Status::KeyInvalid) << "qi is q⁻¹ mod p, not p⁻¹ mod q";
  RsaPrivateKey missing = copy(good);
  missing.qi = SecretBytes();
  EXPECT_EQ(rsa_check_private_key(missing), Status::KeyInvalid) << "qi missing";
  for (SecretBytes RsaPrivateKey::*part : {&RsaPrivateKey::d, &RsaPrivateKey::dp, &RsaPrivateKey::dq,
                                           &RsaPrivateKey::qi}) {
    RsaPrivateKey changed = copy(good);
    changed.*part = flipped(good.*part);
    EXPECT_EQ(rsa_check_private_key(changed), Status::KeyInvalid);
  }
}

// Where BearSSL cannot recover e (p ≡ 1 mod 4), a wrong e is still found.
TEST(RsaKeyCheck, WrongExponentFoundWithoutRecovery) {
  RsaPrivateKey key = private_key(kOpenSsl2049Key);
  key.public_key.e = {0x03};
  EXPECT_EQ(rsa_check_private_key(key), Status::KeyInvalid);
}

// Inconsistent CRT values would make a wrong signature, and a wrong CRT signature reveals a factor
// of n: signing checks its result before returning it.
TEST(RsaKeyCheck, SigningWithAnInconsistentKeyFails) {
  RsaPrivateKey key = copy(fixture_key());
  key.dp = flipped(key.dp);
  std::vector<uint8_t> signature;
  EXPECT_EQ(rsa_pkcs1_sign(Hash::Sha256, key, kMessage, signature), Status::KeyInvalid);
  EXPECT_EQ(rsa_pss_sign(Hash::Sha256, key, kMessage, signature), Status::KeyInvalid);
  EXPECT_TRUE(signature.empty());
}

TEST(RsaGenerate, RefusesUnsupportedSizes) {
  RsaPrivateKey key;
  for (size_t bits : {1024, 2040, 2056, 4112}) EXPECT_EQ(rsa_generate(bits, key), Status::InvalidArgument) << bits;
}
