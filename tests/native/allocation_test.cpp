// A steady-state verification allocates nothing (the performance issue's lean hot path): malloc is
// counted around verifications, two-phase verifications and decodes of a gateway-like token, after
// one of each has sized the result's buffers and left a spare verification in the context, for
// HS256, RS256, PS256 and ES256. Natively only, and not under AddressSanitizer, which owns malloc;
// glibc's own allocator is reached through __libc_malloc.
#include <gtest/gtest.h>

#include <cstddef>
#include <cstdlib>
#include <string>
#include <vector>

#include "edgejwt.h"
#include "sanitizers.h"

#ifdef EDGEJWT_UNDER_ASAN
TEST(Allocation, SteadyStateVerificationAllocatesNothing) { GTEST_SKIP() << "AddressSanitizer owns malloc"; }
#else
extern "C" {
void *__libc_malloc(size_t size);
void *__libc_calloc(size_t count, size_t size);
void *__libc_realloc(void *pointer, size_t size);
}

namespace {
bool counting = false;
size_t allocations = 0;
}  // namespace

extern "C" {
void *malloc(size_t size) {
  allocations += counting;
  return __libc_malloc(size);
}
void *calloc(size_t count, size_t size) {
  allocations += counting;
  return __libc_calloc(count, size);
}
void *realloc(void *pointer, size_t size) {
  allocations += counting;
  return __libc_realloc(pointer, size);
}
}

// One key per kind of signature arithmetic: HMAC, RSA PKCS#1 and PSS, ECDSA P-256 (the pure-Wasm
// verify path: its per-key constants and comb table are made at import, never per verification).
// Asymmetric keys are generated, then verified with by their public halves.
TEST(Allocation, SteadyStateVerificationAllocatesNothing) {
  for (const std::string alg : {"HS256", "RS256", "PS256", "ES256"}) {
    edgejwt_context *context = edgejwt_context_new();
    edgejwt_result *out = edgejwt_result_new();
    const edgejwt_result &result = *out;
    edgejwt_handle key = 0;
    if (alg == "HS256") {
      const std::vector<uint8_t> secret(32, 7);
      ASSERT_EQ(edgejwt_key_import(context, out, EDGEJWT_KEY_SECRET, secret.data(), secret.size(), nullptr, 0), EDGEJWT_OK);
    } else {
      ASSERT_EQ(edgejwt_key_generate(context, out, alg.data(), alg.size(), 0), EDGEJWT_OK);
    }
    key = result.handle;
    const std::string options = R"({"algorithms":[")" + alg +
                                R"("],"issuer":"https://idp.example.com/","audience":"api","typ":"application/at+jwt"})";
    ASSERT_EQ(edgejwt_policy_create(context, out, options.data(), options.size()), EDGEJWT_OK);
    const edgejwt_handle policy = result.handle;
    const std::string header = R"({"alg":")" + alg + R"(","typ":"AT+JWT","kid":"k1"})";
    const std::string claims = R"({"iss":"https://idp.example.com/","sub":"auth0|5f8d0c9e1c9d","aud":["api","web"],)"
                               R"("iat":1764140000,"exp":1764143600,"scope":"openid profile read:orders",)"
                               R"("permissions":["read:orders","write:orders"],"org_id":"org_9f8e7d6c"})";
    ASSERT_EQ(edgejwt_sign(context, out, key, 0, header.data(), header.size(), claims.data(), claims.size()), EDGEJWT_OK);
    const std::string token(reinterpret_cast<const char *>(result.output), result.output_len);
    if (alg != "HS256") {
      ASSERT_EQ(edgejwt_key_public(context, out, key), EDGEJWT_OK);
      key = result.handle;
    }

    auto verify_every_way = [&] {
      ASSERT_EQ(edgejwt_verify(context, out, key, policy, token.data(), token.size(), 1764140100), EDGEJWT_OK) << alg;
      ASSERT_EQ(edgejwt_verify_begin(context, out, key, policy, token.data(), token.size()), EDGEJWT_OK) << alg;
      ASSERT_EQ(edgejwt_verify_finish(context, out, result.handle, EDGEJWT_PAYLOAD_JWT, 1, 1764140100), EDGEJWT_OK) << alg;
      ASSERT_EQ(edgejwt_decode(context, out, policy, token.data(), token.size()), EDGEJWT_OK) << alg;
    };
    verify_every_way();
    allocations = 0;
    counting = true;
    for (int i = 0; i < 100; ++i) verify_every_way();
    counting = false;
    EXPECT_EQ(allocations, 0u) << alg;
    edgejwt_result_free(out);
    edgejwt_context_free(context);
  }
}
#endif
