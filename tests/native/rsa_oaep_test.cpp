// RSAES-OAEP (src/crypto/rsa_oaep.h): Wycheproof's RSA-OAEP-256 cases (valid messages, and
// ciphertexts with bad padding or out of range, which Manger's attack sends and which must all be
// the same failure), round trips with every hash on 2048- and 4096-bit keys, the message-size
// bound, every byte of a ciphertext changed, and ciphertexts of the wrong size.
#include "crypto/rsa_oaep.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "decryption_support.h"
#include "rsa_keys.h"
#include "test_support.h"

using namespace edgejwt;
using namespace edgejwt::test;

namespace {

constexpr OaepHash kHashes[] = {OaepHash::Sha1, OaepHash::Sha256, OaepHash::Sha384, OaepHash::Sha512};

// Wycheproof testvectors_v1/rsa_oaep_2048_sha256_mgf1sha256_test.json: the group's key
// (privateKeyJwk) and some of its tests, by tcId.
constexpr JwkParts kWycheproofKey{
    "orRRoH0KpfluRVZxUTVQUUqKW0YuvvcXCU-h_ugiJOY3-XRtP3yv0xh42AMltu9aFwD2WQO0aUKeidbqyIRQl7WrOTGJ25JRLtincRoSU_rN"
    "IPecFegkfz0-QuRuSMmOJUov6XZTE6A-_48X4aApOXofomqNzib0kO2BKZYV2YFMItphBCjgnH2WWFlCZvXAIdD87KCNlFoSvoLeTR7Oa0wD"
    "FFtdNJXU7VQR64eNrwX9evw-Ca2g8RJkIvWQl1oZaYFvSGmLy7obTZyuedRg2Pn4Xnl1AF2bwixOWsD3waRdElaaYoB9O5oC5aUw53MGb0U9"
    "H1tMLpz3ggKD90K51Q",
    "AQAB",
    "JM3GIxf11ypva6bMljKJmwHR_yiGfXL2FoiZW8hVpOQgqEBSUAib2xPPjglUOCe3SLnSf7srTZ4gr4xaaoYnltGkzBitFupni8G9SoO7vpxe"
    "V0U7XOc4jkGjukzit3tEOKIp6VT3INrgNT3AiKyKdrJtwnb44beFHd1jmK0W_y54GVEjubA26UXDjJ0SQ09t92_iI1nrPhrJwBFnj8km-tOu"
    "R1pP__9V_rLRR-nIlPTA4ppZnnYkYkgtlov0J4CUX8DSwxxXPEQxuPT-i4xnvsgVq9RPeobtyhwjCHNzWNLCrl4uDi2t9zCYAmI3flixO32Z"
    "kgYKC8hwzP20qTGe4Q",
    "3EMQUPeC6JT7UkgkfZjLfVi40eJPO1XQQcVuTeCGsNW7AovaQu610jTVaB5YCdQV5qKJrUz794-Xj2w1gU9Q7r_xxbgKafeI6B5rq13ap4Np"
    "1lnRQ-xvF-eYE6V1z62cVpFWuQET4ukRCtnntIock0im5lMyEZEpDqNs-zpbGPE",
    "vRqB55d_mJgSInOuMiK1mOpfsZ606rw4MIpeMhlmA7LlAP-3n1uIaBZhHevEcvrEVUQHC-sFfJQTeKaGivO3oD0_mIDsR9XgiblPveVCq6mu"
    "jXLFcIjXq_WxMfOQmPe8Fg-QU2q8lJL9Tgbz7XKZ1Ll7sDZ3IH2VZp8UDPvCDyU",
    "qUtSiyjykVmRIdkZUv_Rx_IdfBR52Z1HiIX7Fhhw7hIYvwhHJhLb5Ul-jZxlBojgnHhpYa4-LDVNxIrjRRR1nEwjxFiEiJYdwGtBTmHA4ef7"
    "vSkj0xUy_iifltoiBxHljBQBmAjgBBQnaTO7B-TvubSps3ZWkXIFIJ8z8JUV18E",
    "OvDnKpM67wn_JQPfeLr-1THAL_GivEN8VAzcvUrTVDXPURdjWWVDSAYpsRTKf3gP9--jLqDLbgANbZ6h8u9x_Zz5lIQioWVVfjfnVe3-cNkL"
    "kgUC60eLyYpj94jOOg-FbW7eclGjg7-o-kgKgaklr3s8xTjEurjJ91l_-2gBHY0",
    "JkD7-8_vsWPueoe2SDpm7kH5VtkPqKeTm_wELuCSSxt5k9BEX3WNUZM-hRecAyCwyWi0ipHDi1vpI-EJfAxWL4jUIpS2onWbr6VCinTxJwh0"
    "5F9vzGDyFgLeXszRQ88xJB9ZIbWtOYP7VO8XvjsoU2flDJmcZyR7VS_kv86UX3s",
};

struct WycheproofCase {
  int tc_id;
  const char *comment;
  std::string_view message, ciphertext;  // hex; `message` is empty for the invalid ones
};

constexpr WycheproofCase kValid[] = {
    {1, "empty message", "",
     "6e62bf24d95aff6868afec2a92a445b6458f16f688c19fe1212f66a63137831653cedd359d8cff4dd485d77dfd55812c181373201f54aa"
     "fd65730d2a304e623455d51125d891e65d97fce52341cae45fb64c38a384a1c621e2713ee6794633f029a9fd4d774f56551eac2176162e"
     "162640f25eab873a3451c475570f19228bcede4c67c370a75ed7fabccd538c9819eff182481b10d42f1a9f6a05373b8cf9b71818d467bd"
     "3b8ebacb619e8ad42916e600c043effceb3855bc48a629e60ae886f51b2a7876b0e623fb2ce68af4b039242f963adb0e4240aed0ed07f6"
     "5f1ee7c0cc77d210d0c2d1dc10c81b881aa0c9c9e9499665cf2970d2ccfeeb3191531765"},
    {4, "", "313233343030",
     "0da290b0bf71a1141b2adc62b5b42b07fc52520cb05d1f39ccca7b7c22d379a6c2f2d93143d057050140527a1e5638243938b531ec3de7"
     "014b0151301e49b9fa433482a02abdfd94193dc9c70157e557776a69ded01ecbeac405133595c61165a428b6284729a4746b47d2bbaca9"
     "d7432c3b5693591cfee488eb3c68ddb6cde0dd61cfc6952423f994abecee34f5683732b29934a2c498ad48cdd30c149177189f48eefd9c"
     "c7232df18be11ff5f7e3af7319e3115997c599e2d8f7f4f663dcc40032d403436d3058a5ea66473660f0e195281ec6eba997d2a951ca6c"
     "a5f3c112715c89da1d3dfb20a21940594ed10ade90ed7452b753757d7241cb8a803c373a"},
    {7, "a 32-byte message, as a content encryption key", "e0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8f9fafbfcfdfeff",
     "096958786ee7972050d67a9e4b69d6c6af7db7cc674386df725770dd29129b826e39552330104c8d71e6cc3a3014dd2f61b54153af51b0"
     "438d447ee939f9e3c13bb8b00a37dea6a068f6c9d27e848b1be7a1eeeb3ee50b78036fba95ae46948ca5b13f356ea24db10f60dc09e4b8"
     "bad8f766b668ef72524432080a0ce00ed676d6d5e354984b1078520412525848156d06f0652469f95791baa3d9a798ae537094f76f976f"
     "aecd5c9ce0c930a75910c63dacf63485cb4b5e7bdbcf4d80e74037eaa1a8fe4b52930bec6be99cf6ac88cf5878dbf6859d456a95dbc346"
     "54eec425de84ca2a535d517403a9aada827e7d0093ecfc97ed056a7652825e9a45cb2dcb"},
};

constexpr WycheproofCase kInvalid[] = {
    {19, "ps is all zero", "",
     "a166bf7b5c2cf1896c0b924a69233a0a585bd47ed7f2330654aa68806deb0ff68c6475050ab45c691bbbcc58dbc2f5c817729e8e195ebd"
     "39d48bd5e14977abae0829636831655917fb5a758fb43a8e505d6ce595f625970685f7ec81cb5592210f5d68c6e2e1ef26b4ef8c92bf44"
     "f077e1d5099f379cb8120ad185bf07877979ca81f251fb81be0ad3c14f4d7885fcec496f80033fd4279b6830a20cbdead27c0967e28d1e"
     "06ef4bd7ba89210ec0d696274a187dc2f13212f5adf06e9450eca398325cfda73431036ac21b087d373c9f575c941f8cb078961176e318"
     "59a61c49baf8ff4f817a11010448d6a0e40dcede1a5ac3befa4c6e9d9d67d8e8fd8b6de3"},
    {20, "ps replaced by 0xff's", "",
     "75829ac4d97848dfba21c1688e936cfc736f53fde5b91d5330b63a9968dd4f51c2f529fd8d8f84e4a908196fcc5deba21b5c7300d7381e"
     "07c4e0ea2184965169cc9464933ef5a840d86b1dbcc945c7547d9eab245ba64d24946a75961161c2b8f417daf11b163b1e5a5b02d45341"
     "384f37755248fa871e6a82f948ad6292f11445bf30596dcccec73a441cea5e5dc470016309a83b6c8f158536687ad2734d3ea1562d46e2"
     "3bfe8cab498d19b0b104d97182aacf852b6db3c4670109b81af1bd99b483d92b3e4bd813edfa4d0513214dcc5bb4da768e86007c22f11e"
     "5fe6f4cb60b909958fb94dea660d3fff0b99db15c2d2e6c8df7478330dade8c517b90975"},
    {23, "First byte is 1", "",
     "3f92a694661cae336cac7a3c5a6f67e0655d10218a64459739ab9664f2cec58978939512df621e6b92fe3429bb22c08b5103da648a7719"
     "e7e95a04e6b61601546955825d60f4c517619f851780ad17f1b8a955cf8c7f1a5e26ca4a0cc19cca751d0790d56e1140a4705e19274f63"
     "8b7c16d9d3e423a7f787d02699235e3e9e4d543a954f9b1bce5411c8ebdcae86a4bb86c66818a0bab51a2b00383b318e53d95508bab1b1"
     "9e388cd5a03cdceba0f7176c1782e19ef62cff69352d444b1ce0e1f339e96d8a65c07aa37f5f2cf33867f6c496e0da6cd79b3e2183b570"
     "64ce21a1b92072702e555a82cad75107fdfd8bd5e7ea5f119cfbbc1770e962fd0b781aff"},
    {27, "added n to c", "",
     "b056e2513c7c470d897032d406e97b5946dcad52df1c1650d61a1d7b0af59e8cfaec4d9e834d06d819b92a7d440d277e5039ab8aeff250"
     "43e98b281ae6ce0a91f8dfbbd1b4998fe5481671381b6a3952448b617ae606f06a0143561a040edaf3c972e611bd7cb814aa4761d38e4a"
     "007ca65af8fde6eb25d919d8bd9273cca7622984aa27994d049612424547775c5df75483962143522d075b8c55ea61b04583eb4c0358f9"
     "fbb902dedff30b7d8592b57094df4f6345668af53d1aea86fb36dd69b4434bacf8fc12c13802f5b03551ba8f207d4060a9f56e6b7e18c7"
     "66eb82b6ce6ee0747fbe785c3c1c25fe7fb87de50032b172129fa41a69c3ce0e777ef10f"},
    {28, "ciphertext not reduced", "",
     "6ea4320bc5bcae709d0e4b9d67e7f0c248a65c5bc0762910e220ea96bdea088e20ce7ffb726a8fd87fa363249dc0ace75fdbe025b270dd"
     "72490cb164c468388117bd95624bddfb70c1f07f98a6b9ccf9cee3d2b5f5b3e79a6664568a788b3f1002fc9546d6b3a0fb5f3cfb14f707"
     "85dc542dbbbaffbb3b791f0a5906ace090a3c29d123db768ecce56f0dbf99956f070ce2ebe8209c2ff6de6064ac6247f81c4064960c516"
     "f684f9e740b00f361844d9c1bcb1553bed9b297462e8badd3d431a09b62c773b0071a8d734aae4de04bac45b7bf8555471e937b0a36f0c"
     "1bce595ec9b3d366c9109319a3501156a08c21393e31fcffa2c51b242dac9f813c8f968600"},
};

// The status, the message on success, and that a failure wrote nothing.
Status decrypt(OaepHash hash, const RsaPrivateKey &key, ByteView ciphertext, std::vector<uint8_t> *message = nullptr,
               size_t capacity = 512) {
  std::vector<uint8_t> out = marked_buffer(capacity);
  size_t size = 0;
  const Status status = rsa_oaep_decrypt(hash, key, ciphertext, out.data(), capacity, size);
  EXPECT_TRUE(status == Status::Ok || nothing_released(out)) << "plaintext left after a failed decryption";
  out.resize(status == Status::Ok ? size : 0);
  if (message) *message = out;
  return status;
}

std::vector<uint8_t> encrypt(OaepHash hash, const RsaPublicKey &key, ByteView message) {
  std::vector<uint8_t> ciphertext;
  EXPECT_EQ(rsa_oaep_encrypt(hash, key, message, ciphertext), Status::Ok);
  return ciphertext;
}

}  // namespace

TEST(RsaOaep, WycheproofValidCases) {
  const RsaPrivateKey key = private_key(kWycheproofKey);
  for (const WycheproofCase &vector : kValid) {
    std::vector<uint8_t> message;
    ASSERT_EQ(decrypt(OaepHash::Sha256, key, from_hex(vector.ciphertext), &message), Status::Ok) << vector.tc_id;
    EXPECT_EQ(to_hex(message.data(), message.size()), vector.message) << vector.tc_id;
    // The same ciphertext read with another hash is a padding failure like any other.
    EXPECT_EQ(decrypt(OaepHash::Sha1, key, from_hex(vector.ciphertext)), Status::JweDecryptionFailed) << vector.tc_id;
  }
}

// Bad padding and out-of-range ciphertexts, Wycheproof's and built here (0, 1, n − 1, n, all ones,
// and a valid ciphertext with bytes added or removed): one code for all, so that a caller cannot
// learn which check failed.
TEST(RsaOaep, InvalidCiphertextsFailWithTheOneCode) {
  const RsaPrivateKey key = private_key(kWycheproofKey);
  for (const WycheproofCase &vector : kInvalid) {
    EXPECT_EQ(decrypt(OaepHash::Sha256, key, from_hex(vector.ciphertext)), Status::JweDecryptionFailed)
        << vector.tc_id << " " << vector.comment;
  }
  const std::vector<uint8_t> n = from_base64url(kWycheproofKey.n);
  std::vector<uint8_t> n_minus_1 = n, zero(n.size()), one(n.size()), all_ones(n.size(), 0xff);
  n_minus_1.back() ^= 1;  // n is odd
  one.back() = 1;
  const std::vector<uint8_t> valid = from_hex(kValid[1].ciphertext);
  std::vector<uint8_t> prepended = {0, 0}, appended = valid, truncated(valid.begin() + 1, valid.end());
  prepended.insert(prepended.end(), valid.begin(), valid.end());
  appended.insert(appended.end(), {0, 0});
  for (const auto &ciphertext : {zero, one, n_minus_1, n, all_ones, prepended, appended, truncated, std::vector<uint8_t>()}) {
    EXPECT_EQ(decrypt(OaepHash::Sha256, key, ciphertext), Status::JweDecryptionFailed) << ciphertext.size();
  }
}

TEST(RsaOaep, EveryByteOfACiphertextChangedFails) {
  const RsaPrivateKey key = private_key(kWycheproofKey);
  std::vector<uint8_t> ciphertext = from_hex(kValid[2].ciphertext);
  for (size_t i = 0; i < ciphertext.size(); ++i) {
    const uint8_t bit = static_cast<uint8_t>(1 << (i % 8));
    ciphertext[i] ^= bit;
    EXPECT_EQ(decrypt(OaepHash::Sha256, key, ciphertext), Status::JweDecryptionFailed) << i;
    ciphertext[i] ^= bit;
  }
  EXPECT_EQ(decrypt(OaepHash::Sha256, key, ciphertext), Status::Ok);
}

TEST(RsaOaep, RoundTripsWithEveryHash) {
  const RsaPrivateKey wycheproof = private_key(kWycheproofKey);
  for (const RsaPrivateKey *key : {&fixture_key(), &wycheproof}) {
    for (OaepHash hash : kHashes) {
      const std::vector<uint8_t> cek(32, 0xc5);
      const auto ciphertext = encrypt(hash, key->public_key, cek);
      EXPECT_EQ(ciphertext.size(), 256u);
      std::vector<uint8_t> message;
      ASSERT_EQ(decrypt(hash, *key, ciphertext, &message), Status::Ok);
      EXPECT_EQ(message, cek);
      // OAEP is randomised: the same message encrypts differently every time.
      EXPECT_NE(encrypt(hash, key->public_key, cek), ciphertext);
      for (OaepHash other : kHashes) {
        if (other != hash) {
          EXPECT_EQ(decrypt(other, *key, ciphertext), Status::JweDecryptionFailed);
        }
      }
    }
  }
}

// k − 2·hLen − 2 bytes fit, one more does not; a decryption whose message is larger than the
// caller's room fails like any other.
TEST(RsaOaep, MessageSizeBounds) {
  const RsaPrivateKey &key = fixture_key();
  for (OaepHash hash : kHashes) {
    const size_t most = rsa_oaep_max_message_size(hash, 256);
    EXPECT_EQ(most, 256 - 2 * oaep_hash_size(hash) - 2);
    const std::vector<uint8_t> largest(most, 0x42);
    const auto ciphertext = encrypt(hash, key.public_key, largest);
    std::vector<uint8_t> message;
    ASSERT_EQ(decrypt(hash, key, ciphertext, &message), Status::Ok);
    EXPECT_EQ(message, largest);
    EXPECT_EQ(decrypt(hash, key, ciphertext, nullptr, most - 1), Status::JweDecryptionFailed);
    std::vector<uint8_t> too_long;
    EXPECT_EQ(rsa_oaep_encrypt(hash, key.public_key, std::vector<uint8_t>(most + 1), too_long), Status::InvalidArgument);
  }
}

// Keys the RSA checks refuse are refused here too, with their status (not the decryption code).
TEST(RsaOaep, UnusableKeysAreRefused) {
  RsaPublicKey short_key = fixture_key().public_key;
  short_key.n.resize(128);
  short_key.n.back() |= 1;
  std::vector<uint8_t> ciphertext;
  EXPECT_EQ(rsa_oaep_encrypt(OaepHash::Sha256, short_key, std::vector<uint8_t>(16), ciphertext), Status::KeyTooShort);
  RsaPrivateKey missing_factor = private_key(kWycheproofKey);
  missing_factor.q = SecretBytes();
  EXPECT_EQ(decrypt(OaepHash::Sha256, missing_factor, from_hex(kValid[2].ciphertext)), Status::KeyInvalid);
}
