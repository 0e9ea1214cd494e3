#include "encoding/der.h"

#include <gtest/gtest.h>

#include "test_support.h"

using namespace edgejwt;
using namespace edgejwt::test;

namespace {

std::string hex(ByteView bytes) { return to_hex(bytes.data, bytes.size); }

// An element with `tag` around `contents`, its length in the given (possibly non-DER) form.
std::vector<uint8_t> element(uint8_t tag, std::vector<uint8_t> length, size_t content_size) {
  std::vector<uint8_t> bytes = std::move(length);
  bytes.insert(bytes.begin(), tag);
  bytes.resize(bytes.size() + content_size, 0x5A);
  return bytes;
}

Status read_octets(const std::vector<uint8_t> &der, ByteView &contents) {
  DerReader reader(der);
  if (Status status = reader.read_octet_string(contents); status != Status::Ok) return status;
  return reader.finish();
}

Status read_positive(std::string_view der_hex, std::string &magnitude_hex) {
  const std::vector<uint8_t> der = from_hex(der_hex);
  DerReader reader(der);
  ByteView magnitude;
  const Status status = reader.read_positive_integer(magnitude);
  if (status == Status::Ok) magnitude_hex = hex(magnitude);
  return status;
}

std::vector<uint8_t> nested_sequences(unsigned depth) {
  std::vector<uint8_t> der;
  DerWriter writer(der);
  std::vector<size_t> marks;
  for (unsigned i = 0; i < depth; ++i) marks.push_back(writer.open(DerTag::Sequence));
  writer.write_null();
  for (auto mark = marks.rbegin(); mark != marks.rend(); ++mark) writer.close(*mark);
  return der;
}

// How many sequences the reader enters before it stops.
unsigned enterable_depth(const std::vector<uint8_t> &der) {
  DerReader reader(der);
  unsigned depth = 0;
  for (DerReader inner; reader.enter(DerTag::Sequence, inner) == Status::Ok; reader = inner) ++depth;
  return depth;
}

}  // namespace

TEST(DerReader, ReadsShortAndLongLengths) {
  for (const size_t size : {0, 1, 127, 128, 255, 256, 65535, 65536}) {
    std::vector<uint8_t> der;
    DerWriter(der).write(DerTag::OctetString, std::vector<uint8_t>(size, 0x5A));
    ByteView contents;
    ASSERT_EQ(read_octets(der, contents), Status::Ok) << size;
    EXPECT_EQ(contents.size, size);
    EXPECT_EQ(contents.data, der.data() + der.size() - size);
  }
}

TEST(DerReader, RejectsIndefiniteLength) {
  const std::vector<uint8_t> der = from_hex("3080050000000000");
  DerReader reader(der), inner;
  EXPECT_EQ(reader.enter(DerTag::Sequence, inner), Status::DerInvalid);
}

TEST(DerReader, RejectsNonMinimalLength) {
  ByteView contents;
  EXPECT_EQ(read_octets(element(0x04, {0x81, 0x05}, 5), contents), Status::DerInvalid);   // short form fits
  EXPECT_EQ(read_octets(element(0x04, {0x82, 0x00, 0x85}, 133), contents), Status::DerInvalid);  // leading zero
  EXPECT_EQ(read_octets(element(0x04, {0x82, 0x00, 0x05}, 5), contents), Status::DerInvalid);
  EXPECT_EQ(read_octets(element(0x04, {0x85, 0x00, 0x00, 0x00, 0x00, 0x85}, 133), contents), Status::DerInvalid);
  EXPECT_EQ(read_octets(element(0x04, {0x81, 0x85}, 133), contents), Status::Ok);
}

TEST(DerReader, RejectsLengthBeyondInput) {
  ByteView contents;
  std::vector<uint8_t> short_by_one = element(0x04, {0x82, 0x01, 0x00}, 256);
  short_by_one.pop_back();
  EXPECT_EQ(read_octets(short_by_one, contents), Status::DerInvalid);
  EXPECT_EQ(read_octets(element(0x04, {0x05}, 4), contents), Status::DerInvalid);
  EXPECT_EQ(read_octets(element(0x04, {0x84, 0xFF, 0xFF, 0xFF, 0xFF}, 16), contents), Status::DerInvalid);
  EXPECT_EQ(read_octets(element(0x04, {0x82, 0x01}, 0), contents), Status::DerInvalid);  // length cut off
  EXPECT_EQ(read_octets({0x04}, contents), Status::DerInvalid);
  EXPECT_EQ(read_octets({}, contents), Status::DerInvalid);
}

TEST(DerReader, RejectsTrailingBytes) {
  const std::vector<uint8_t> der = from_hex("050000");
  DerReader reader(der);
  ASSERT_EQ(reader.read_null(), Status::Ok);
  EXPECT_FALSE(reader.at_end());
  EXPECT_EQ(reader.finish(), Status::DerInvalid);
}

TEST(DerReader, RejectsWrongAndHighNumberTags) {
  const std::vector<uint8_t> null = from_hex("0500");
  DerReader reader(null);
  ByteView contents;
  EXPECT_FALSE(reader.next_is(DerTag::Integer));
  EXPECT_EQ(reader.read_octet_string(contents), Status::DerInvalid);
  EXPECT_TRUE(reader.next_is(DerTag::Null));
  EXPECT_EQ(reader.read_null(), Status::Ok);
  EXPECT_FALSE(reader.next_is(DerTag::Null));  // at the end
  const std::vector<uint8_t> high_tag = from_hex("1f0100");
  EXPECT_EQ(DerReader(high_tag).read(static_cast<DerTag>(0x1F), contents), Status::DerInvalid);
  const std::vector<uint8_t> constructed_octets = from_hex("24030401aa");  // BER only
  EXPECT_EQ(DerReader(constructed_octets).read_octet_string(contents), Status::DerInvalid);
}

TEST(DerReader, ReadsPositiveIntegersWithoutSignByte) {
  std::string magnitude;
  ASSERT_EQ(read_positive("020101", magnitude), Status::Ok);
  EXPECT_EQ(magnitude, "01");
  ASSERT_EQ(read_positive("02020080", magnitude), Status::Ok);
  EXPECT_EQ(magnitude, "80");
  ASSERT_EQ(read_positive("0203010001", magnitude), Status::Ok);
  EXPECT_EQ(magnitude, "010001");
}

TEST(DerReader, RejectsIntegerWithSuperfluousLeadingByte) {
  std::string magnitude;
  EXPECT_EQ(read_positive("02020001", magnitude), Status::DerInvalid);
  EXPECT_EQ(read_positive("0203000080", magnitude), Status::DerInvalid);
  const std::vector<uint8_t> minus_128 = from_hex("0202ff80");
  uint32_t value = 0;
  EXPECT_EQ(DerReader(minus_128).read_small_integer(value), Status::DerInvalid);
  const std::vector<uint8_t> empty = from_hex("0200");
  EXPECT_EQ(DerReader(empty).read_small_integer(value), Status::DerInvalid);
}

TEST(DerReader, PositiveIntegerRefusesZeroAndNegative) {
  std::string magnitude;
  EXPECT_EQ(read_positive("020100", magnitude), Status::DerInvalid);
  EXPECT_EQ(read_positive("020180", magnitude), Status::DerInvalid);
  EXPECT_EQ(read_positive("0202ff7f", magnitude), Status::DerInvalid);
}

TEST(DerReader, SmallIntegerStaysBelow2To31) {
  uint32_t value = 7;
  const std::vector<uint8_t> zero = from_hex("020100");
  ASSERT_EQ(DerReader(zero).read_small_integer(value), Status::Ok);
  EXPECT_EQ(value, 0u);
  const std::vector<uint8_t> largest = from_hex("02047fffffff");
  ASSERT_EQ(DerReader(largest).read_small_integer(value), Status::Ok);
  EXPECT_EQ(value, 0x7FFFFFFFu);
  const std::vector<uint8_t> too_large = from_hex("02050080000000");
  EXPECT_EQ(DerReader(too_large).read_small_integer(value), Status::DerInvalid);
  const std::vector<uint8_t> negative = from_hex("0201ff");
  EXPECT_EQ(DerReader(negative).read_small_integer(value), Status::DerInvalid);
}

TEST(DerReader, RefusesNestingDeeperThanTheBound) {
  EXPECT_EQ(enterable_depth(nested_sequences(DerReader::kMaxDepth)), DerReader::kMaxDepth);
  EXPECT_EQ(enterable_depth(nested_sequences(DerReader::kMaxDepth + 1)), DerReader::kMaxDepth);
  // DER inside an OCTET STRING counts as one more level.
  const std::vector<uint8_t> der = nested_sequences(1);
  DerReader reader(der), inner;
  for (unsigned depth = 0; depth < DerReader::kMaxDepth; ++depth) {
    ASSERT_EQ(reader.open_nested(der, inner), Status::Ok) << depth;
    reader = inner;
  }
  EXPECT_EQ(reader.open_nested(der, inner), Status::DerInvalid);
}

TEST(DerReader, ReadsObjectIdentifiersAsBytes) {
  const std::vector<uint8_t> ec_public_key = from_hex("06072a8648ce3d0201");
  ByteView oid;
  ASSERT_EQ(DerReader(ec_public_key).read_object_identifier(oid), Status::Ok);
  EXPECT_EQ(hex(oid), "2a8648ce3d0201");
  for (const char *bad : {"0600", "06028001", "06022a86", "060186"}) {  // empty, 0x80 start, unterminated
    const std::vector<uint8_t> der = from_hex(bad);
    EXPECT_EQ(DerReader(der).read_object_identifier(oid), Status::DerInvalid) << bad;
  }
}

TEST(DerReader, ReadsBitStringsWithoutUnusedBits) {
  ByteView bits;
  const std::vector<uint8_t> whole = from_hex("030300abcd");
  ASSERT_EQ(DerReader(whole).read_bit_string(bits), Status::Ok);
  EXPECT_EQ(hex(bits), "abcd");
  const std::vector<uint8_t> implicit = from_hex("810200ab");
  ASSERT_EQ(DerReader(implicit).read_bit_string(bits, der_context_primitive(1)), Status::Ok);
  EXPECT_EQ(hex(bits), "ab");
  EXPECT_EQ(DerReader(implicit).read_bit_string(bits), Status::DerInvalid);
  for (const char *bad : {"0300", "030201ab"}) {
    const std::vector<uint8_t> der = from_hex(bad);
    EXPECT_EQ(DerReader(der).read_bit_string(bits), Status::DerInvalid) << bad;
  }
}

TEST(DerReader, NullHasNoContents) {
  const std::vector<uint8_t> der = from_hex("050100");
  EXPECT_EQ(DerReader(der).read_null(), Status::DerInvalid);
}

TEST(DerWriter, WritesMinimalPositiveIntegers) {
  const std::pair<const char *, const char *> cases[] = {
      {"", "020100"}, {"00", "020100"}, {"01", "020101"}, {"00007f", "02017f"},
      {"80", "02020080"}, {"0080", "02020080"}, {"010001", "0203010001"},
  };
  for (const auto &[value, expected] : cases) {
    std::vector<uint8_t> der;
    DerWriter(der).write_unsigned_integer(from_hex(value));
    EXPECT_EQ(hex(der), expected) << value;
  }
}

TEST(DerWriter, ClosesElementsWithMinimalLengths) {
  for (const size_t size : {0, 126, 127, 128, 255, 256, 65535, 65536, 70000}) {
    std::vector<uint8_t> der;
    DerWriter writer(der);
    const size_t sequence = writer.open(DerTag::Sequence);
    const size_t octets = writer.open(DerTag::OctetString);
    writer.write(DerTag::OctetString, std::vector<uint8_t>(size, 0x5A));
    writer.close(octets);
    writer.close(sequence);

    DerReader reader(der), fields, inner;
    ByteView contents;
    ASSERT_EQ(reader.enter(DerTag::Sequence, fields), Status::Ok) << size;
    ASSERT_EQ(fields.read_octet_string(contents), Status::Ok);
    ASSERT_EQ(fields.open_nested(contents, inner), Status::Ok);
    ASSERT_EQ(inner.read_octet_string(contents), Status::Ok);
    EXPECT_EQ(contents.size, size);
    EXPECT_EQ(inner.finish(), Status::Ok);
    EXPECT_EQ(fields.finish(), Status::Ok);
    EXPECT_EQ(reader.finish(), Status::Ok);
  }
}

TEST(DerWriter, WritesEveryElementKind) {
  std::vector<uint8_t> der{0xEE};  // the writer appends
  DerWriter writer(der);
  const size_t sequence = writer.open(DerTag::Sequence);
  writer.write(DerTag::ObjectIdentifier, from_hex("2b6570"));
  writer.write_null();
  writer.write_bit_string(from_hex("abcd"));
  const size_t bits = writer.open_bit_string();
  writer.write_unsigned_integer(from_hex("05"));
  writer.close(bits);
  const size_t explicit_tag = writer.open(der_context_constructed(1));
  writer.write(DerTag::OctetString, from_hex("ff"));
  writer.close(explicit_tag);
  writer.close(sequence);
  EXPECT_EQ(hex(der), "ee" "3017" "06032b6570" "0500" "030300abcd" "030400020105" "a1030401ff");
}
