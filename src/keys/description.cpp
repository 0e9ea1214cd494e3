#include "description.h"

#include "../crypto/rsa.h"
#include "../jwa/encryption.h"
#include "../encoding/json_writer.h"

namespace edgejwt {

void describe_key(const Key &key, std::string &json) {
  JsonWriter writer;
  writer.start_object();
  writer.member("type", key.is_secret() ? "secret" : key.is_private() ? "private" : "public");
  writer.member("family", key_family_info(key.family()).name);
  // The JWS algorithms of a key for signatures, the JWE ones of a key for encryption.
  writer.start_array("algorithms");
  std::vector<std::string_view> usable;
  key.binding().usable_names(key, usable);
  for (std::string_view name : usable) writer.string(name);
  writer.end_array();
  const KeyUsage &usage = key.usage();
  for (auto [name, value] : {std::pair{"kid", &usage.kid}, std::pair{"alg", &usage.alg}, std::pair{"use", &usage.use}}) {
    if (!value->empty()) writer.member(name, *value);
  }
  writer.end_object();
  json = writer.text();
}

void describe_key_set(const KeySet &set, std::string &json) {
  JsonWriter writer;
  writer.start_object();
  writer.member("type", "set");
  writer.member("keys", set.size());
  writer.member("skipped", set.skipped());
  writer.end_object();
  json = writer.text();
}

void describe_algorithms(std::string &json) {
  JsonWriter writer;
  writer.start_object();
  writer.start_array("algorithms");
  for (unsigned i = 0; i < kAlgorithmCount; ++i) {
    const AlgorithmInfo &alg = algorithm_info(static_cast<Algorithm>(i));
    const KeyFamilyInfo &family = key_family_info(alg.family);
    writer.start_object();
    writer.member("alg", alg.name);
    writer.member("family", family.name);
    writer.member("kty", family.kty);
    if (family.curve) writer.member("crv", family.crv);
    writer.member("scheme", signature_scheme_name(alg.scheme));
    if (alg.scheme != SignatureScheme::Ed25519) writer.member("hashBits", 8 * hash_size(alg.hash));
    if (alg.signature_size != 0) writer.member("signatureLength", alg.signature_size);
    writer.end_object();
  }
  writer.end_array();
  writer.start_array("families");
  for (unsigned i = 0; i < kKeyFamilyCount; ++i) {
    const KeyFamilyInfo &family = key_family_info(static_cast<KeyFamily>(i));
    writer.start_object();
    writer.member("name", family.name);
    writer.member("kty", family.kty);
    if (!family.crv.empty()) writer.member("crv", family.crv);
    if (family.curve) writer.member("coordinateLength", curve_size(*family.curve));
    if (family.family == KeyFamily::Rsa) {
      writer.member("minModulusBits", kRsaMinModulusBits);
      writer.member("maxModulusBits", kRsaMaxModulusBits);
    }
    writer.end_object();
  }
  writer.end_array();
  writer.end_object();
  json = writer.text();
}

void describe_encryption_algorithms(std::string &json) {
  JsonWriter writer;
  writer.start_object();
  // JWE's names, so that a host knows which algorithm names mean a key for encryption, and what a
  // host computing an algorithm's key management step needs: its mode, the hash of RSA-OAEP's
  // padding or PBES2's PRF, the bytes of the key that wraps the CEK.
  writer.start_array("keyManagement");
  for (unsigned i = 0; i < kKeyManagementCount; ++i) {
    const KeyManagementInfo &info = key_management_info(static_cast<KeyManagement>(i));
    writer.start_object();
    writer.member("alg", info.name);
    writer.member("mode", key_management_mode_name(info.mode));
    if (info.mode == KeyManagementMode::RsaOaep) writer.member("hashBits", 8 * oaep_hash_size(info.oaep));
    if (info.mode == KeyManagementMode::Pbes2) writer.member("hashBits", 8 * hash_size(info.prf));
    if (info.kek_size != 0) writer.member("kekLength", info.kek_size);
    writer.end_object();
  }
  writer.end_array();
  writer.start_array("contentEncryption");
  for (unsigned i = 0; i < kContentEncryptionCount; ++i) {
    const ContentEncryptionInfo &enc = content_encryption_info(static_cast<ContentEncryption>(i));
    writer.start_object();
    writer.member("enc", enc.name);
    writer.member("keyLength", enc.key_size);
    writer.end_object();
  }
  writer.end_array();
  writer.end_object();
  json = writer.text();
}

}  // namespace edgejwt
