// A bounded reader and a small writer for the DER subset key formats use (X.690 §8 and §10):
// one-byte tags, definite minimal lengths, minimal INTEGERs, BIT STRINGs without unused bits.
// Every read is checked against the bytes that remain, so hostile input gives DerInvalid, and
// nesting is bounded by kMaxDepth although the key formats never recurse on their input.
#pragma once
#include <cstdint>
#include <vector>

#include "../bytes.h"
#include "../status.h"

namespace edgejwt {

enum class DerTag : uint8_t {
  Integer = 0x02,
  BitString = 0x03,
  OctetString = 0x04,
  Null = 0x05,
  ObjectIdentifier = 0x06,
  Sequence = 0x30,
};

// [n] EXPLICIT, or [n] IMPLICIT over a constructed type (SET OF, SEQUENCE).
constexpr DerTag der_context_constructed(uint8_t number) { return static_cast<DerTag>(0xA0 | number); }
// [n] IMPLICIT over a primitive type (BIT STRING, OCTET STRING).
constexpr DerTag der_context_primitive(uint8_t number) { return static_cast<DerTag>(0x80 | number); }

class DerReader {
 public:
  // Elements nested inside each other, the outermost being depth 1.
  static constexpr unsigned kMaxDepth = 8;

  DerReader() = default;  // empty, until enter() or open_nested() sets it
  explicit DerReader(ByteView input) : rest_(input) {}

  // True when the next element has `tag`, for OPTIONAL and CHOICE fields.
  bool next_is(DerTag tag) const;
  // Reads the next element, which must have `tag`; its contents are not looked at, so this also
  // skips fields we do not need.
  Status read(DerTag tag, ByteView &contents);
  // Reads a constructed element and gives a reader over its contents, one level deeper.
  Status enter(DerTag tag, DerReader &inner);
  // A reader over DER carried inside an OCTET or BIT STRING this reader read, one level deeper.
  Status open_nested(ByteView contents, DerReader &inner) const;
  bool at_end() const { return rest_.empty(); }
  // DerInvalid unless every byte was read: nothing may trail a structure.
  Status finish() const { return at_end() ? Status::Ok : Status::DerInvalid; }

  // A positive INTEGER's magnitude, without the sign byte: zero and negative values are DerInvalid.
  Status read_positive_integer(ByteView &magnitude);
  // A non-negative INTEGER below 2^31, such as a version number.
  Status read_small_integer(uint32_t &value);
  // An OBJECT IDENTIFIER's encoded contents, to compare as bytes with known identifiers.
  Status read_object_identifier(ByteView &oid);
  Status read_null();
  Status read_octet_string(ByteView &bytes);
  // A BIT STRING with no unused bits (as keys are); `tag` differs when it is IMPLICITly tagged.
  Status read_bit_string(ByteView &bytes, DerTag tag = DerTag::BitString);

 private:
  DerReader(ByteView input, unsigned depth) : rest_(input), depth_(depth) {}

  ByteView rest_;
  unsigned depth_ = 0;  // of the element whose contents this reads; 0 for the outermost input
};

// Appends DER to a byte vector. When the vector must grow, the old copy is wiped first, as it
// may hold private key material.
class DerWriter {
 public:
  explicit DerWriter(std::vector<uint8_t> &out) : out_(out) {}

  // Starts a constructed element (or an OCTET STRING that will hold DER); the contents written
  // until close(mark) become its contents.
  size_t open(DerTag tag);
  // As open, for a BIT STRING that will hold DER: writes its "no unused bits" byte.
  size_t open_bit_string();
  void close(size_t mark);

  void write(DerTag tag, ByteView contents);
  // An INTEGER from unsigned big-endian bytes: leading zeros dropped, a 0x00 added when the top
  // bit is set, so the value is positive and minimally encoded.
  void write_unsigned_integer(ByteView big_endian);
  void write_null() { write(DerTag::Null, {}); }
  void write_bit_string(ByteView bytes);

 private:
  void append(const uint8_t *bytes, size_t size);
  void reserve_more(size_t extra);

  std::vector<uint8_t> &out_;
};

}  // namespace edgejwt
