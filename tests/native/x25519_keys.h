// X25519 keys the tests share: RFC 7748 §6.1's pair, and the small-order points an attacker sends.
#pragma once
#include <string_view>
#include <vector>

namespace edgejwt::test {

// RFC 7748 §6.1 (the keys of RFC 8037 A.6: Bob's is the JWK "3p7bfXt9wbTTW2HC7OQ1Nz-DQ8hbeGdNrfx-FG-IK08",
// Alice's the ephemeral "hSDwCYkwp1R0i33ctD73Wg2_Og0mOBr066SpjqqbTmo").
inline constexpr std::string_view kAlicePrivate = "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a";
inline constexpr std::string_view kAlicePublic = "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a";
inline constexpr std::string_view kBobPrivate = "5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb";
inline constexpr std::string_view kBobPublic = "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f";
inline constexpr std::string_view kSharedSecret = "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742";

// libsodium's list of small-order u-coordinates (x25519_ref10.c): 0, 1, the two points of order 8,
// p − 1, p and p + 1, little-endian.
inline const std::vector<std::string_view> kSmallOrder = {
    "0000000000000000000000000000000000000000000000000000000000000000",
    "0100000000000000000000000000000000000000000000000000000000000000",
    "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800",
    "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157",
    "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
};

}  // namespace edgejwt::test
