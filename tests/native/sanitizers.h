// EDGEJWT_UNDER_ASAN is defined when the build has AddressSanitizer (GCC's or clang's spelling):
// tests that count allocations or size their work to the build read it.
#pragma once

#if defined(__SANITIZE_ADDRESS__)
#define EDGEJWT_UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define EDGEJWT_UNDER_ASAN 1
#endif
#endif
