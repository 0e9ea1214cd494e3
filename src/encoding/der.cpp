#include "der.h"

#include <algorithm>

#include "../wipe.h"

namespace edgejwt {
namespace {

// Splits the next element off `rest`. Only one-byte tags and definite lengths in their shortest
// form are DER; the length must fit in what remains.
Status split_element(ByteView &rest, uint8_t &tag, ByteView &contents) {
  if (rest.size < 2) return Status::DerInvalid;
  tag = rest.data[0];
  if ((tag & 0x1F) == 0x1F) return Status::DerInvalid;  // high tag numbers: no key format has them
  size_t length = rest.data[1];
  size_t header = 2;
  if (length & 0x80) {
    // 0x80 is BER's indefinite length; more than four length bytes cannot describe our input.
    const size_t count = length & 0x7F;
    if (count == 0 || count > 4 || rest.size - header < count) return Status::DerInvalid;
    if (rest.data[header] == 0) return Status::DerInvalid;  // a leading zero length byte
    length = 0;
    for (size_t i = 0; i < count; ++i) length = length << 8 | rest.data[header + i];
    if (length < 0x80) return Status::DerInvalid;  // the short form was required
    header += count;
  }
  if (length > rest.size - header) return Status::DerInvalid;
  contents = ByteView(rest.data + header, length);
  rest = ByteView(rest.data + header + length, rest.size - header - length);
  return Status::Ok;
}

// X.690 §8.3.2: the first nine bits of an INTEGER are never all zeros or all ones.
Status check_minimal_integer(ByteView contents) {
  if (contents.empty()) return Status::DerInvalid;
  if (contents.size > 1 && ((contents.data[0] == 0x00 && !(contents.data[1] & 0x80)) ||
                            (contents.data[0] == 0xFF && (contents.data[1] & 0x80)))) {
    return Status::DerInvalid;
  }
  return Status::Ok;
}

bool is_negative(ByteView integer) { return integer.data[0] & 0x80; }

// Tag and length of an element with `length` bytes of contents; returns how many bytes it used.
size_t encode_header(uint8_t tag, size_t length, uint8_t (&header)[2 + sizeof(size_t)]) {
  header[0] = tag;
  if (length < 0x80) {
    header[1] = static_cast<uint8_t>(length);
    return 2;
  }
  size_t count = 0;
  for (size_t rest = length; rest != 0; rest >>= 8) ++count;
  header[1] = static_cast<uint8_t>(0x80 | count);
  for (size_t i = 0; i < count; ++i) header[2 + i] = static_cast<uint8_t>(length >> (8 * (count - 1 - i)));
  return 2 + count;
}

}  // namespace

bool DerReader::next_is(DerTag tag) const { return !rest_.empty() && rest_.data[0] == static_cast<uint8_t>(tag); }

Status DerReader::read(DerTag tag, ByteView &contents) {
  ByteView rest = rest_;
  uint8_t actual = 0;
  if (Status status = split_element(rest, actual, contents); status != Status::Ok) return status;
  if (actual != static_cast<uint8_t>(tag)) return Status::DerInvalid;
  rest_ = rest;
  return Status::Ok;
}

Status DerReader::enter(DerTag tag, DerReader &inner) {
  ByteView contents;
  if (Status status = read(tag, contents); status != Status::Ok) return status;
  return open_nested(contents, inner);
}

Status DerReader::open_nested(ByteView contents, DerReader &inner) const {
  if (depth_ >= kMaxDepth) return Status::DerInvalid;
  inner = DerReader(contents, depth_ + 1);
  return Status::Ok;
}

Status DerReader::read_positive_integer(ByteView &magnitude) {
  ByteView contents;
  if (Status status = read(DerTag::Integer, contents); status != Status::Ok) return status;
  if (Status status = check_minimal_integer(contents); status != Status::Ok) return status;
  if (is_negative(contents)) return Status::DerInvalid;
  if (contents.data[0] == 0x00) {
    if (contents.size == 1) return Status::DerInvalid;  // zero
    contents = ByteView(contents.data + 1, contents.size - 1);
  }
  magnitude = contents;
  return Status::Ok;
}

Status DerReader::read_small_integer(uint32_t &value) {
  ByteView contents;
  if (Status status = read(DerTag::Integer, contents); status != Status::Ok) return status;
  if (Status status = check_minimal_integer(contents); status != Status::Ok) return status;
  if (is_negative(contents) || contents.size > 4) return Status::DerInvalid;
  value = 0;
  for (size_t i = 0; i < contents.size; ++i) value = value << 8 | contents.data[i];
  return Status::Ok;
}

Status DerReader::read_object_identifier(ByteView &oid) {
  ByteView contents;
  if (Status status = read(DerTag::ObjectIdentifier, contents); status != Status::Ok) return status;
  // Each sub-identifier is base-128 with the high bit on all but its last byte, and no leading
  // 0x80 byte (X.690 §8.19.2).
  bool at_start = true;
  for (size_t i = 0; i < contents.size; ++i) {
    if (at_start && contents.data[i] == 0x80) return Status::DerInvalid;
    at_start = !(contents.data[i] & 0x80);
  }
  if (contents.empty() || !at_start) return Status::DerInvalid;
  oid = contents;
  return Status::Ok;
}

Status DerReader::read_null() {
  ByteView contents;
  if (Status status = read(DerTag::Null, contents); status != Status::Ok) return status;
  return contents.empty() ? Status::Ok : Status::DerInvalid;
}

Status DerReader::read_octet_string(ByteView &bytes) { return read(DerTag::OctetString, bytes); }

Status DerReader::read_bit_string(ByteView &bytes, DerTag tag) {
  ByteView contents;
  if (Status status = read(tag, contents); status != Status::Ok) return status;
  if (contents.empty() || contents.data[0] != 0) return Status::DerInvalid;
  bytes = ByteView(contents.data + 1, contents.size - 1);
  return Status::Ok;
}

size_t DerWriter::open(DerTag tag) {
  const uint8_t header[2] = {static_cast<uint8_t>(tag), 0};
  append(header, sizeof header);
  return out_.size();
}

size_t DerWriter::open_bit_string() {
  const size_t mark = open(DerTag::BitString);
  const uint8_t no_unused_bits = 0;
  append(&no_unused_bits, 1);
  return mark;
}

void DerWriter::close(size_t mark) {
  // open() left one length byte; a long length needs more, inserted before the contents.
  uint8_t header[2 + sizeof(size_t)];
  const size_t header_size = encode_header(out_[mark - 2], out_.size() - mark, header);
  const size_t extra = header_size - 2;
  reserve_more(extra);
  out_.insert(out_.begin() + static_cast<std::ptrdiff_t>(mark), extra, 0);
  const size_t start = mark - 2;
  for (size_t i = 1; i < header_size; ++i) out_[start + i] = header[i];
}

void DerWriter::write(DerTag tag, ByteView contents) {
  uint8_t header[2 + sizeof(size_t)];
  append(header, encode_header(static_cast<uint8_t>(tag), contents.size, header));
  append(contents.data, contents.size);
}

void DerWriter::write_unsigned_integer(ByteView big_endian) {
  size_t skip = 0;
  while (skip < big_endian.size && big_endian.data[skip] == 0) ++skip;
  const ByteView magnitude(big_endian.data + skip, big_endian.size - skip);
  // Zero is one 0x00 byte; a set top bit would read as negative without one.
  const bool sign_byte = magnitude.empty() || (magnitude.data[0] & 0x80);
  uint8_t header[2 + sizeof(size_t)];
  append(header, encode_header(static_cast<uint8_t>(DerTag::Integer), magnitude.size + sign_byte, header));
  const uint8_t zero = 0;
  if (sign_byte) append(&zero, 1);
  append(magnitude.data, magnitude.size);
}

void DerWriter::write_bit_string(ByteView bytes) {
  const size_t mark = open_bit_string();
  append(bytes.data, bytes.size);
  close(mark);
}

void DerWriter::append(const uint8_t *bytes, size_t size) {
  if (size == 0) return;
  reserve_more(size);
  out_.insert(out_.end(), bytes, bytes + size);
}

// Grows by hand so the bytes left behind in the old buffer can be wiped.
void DerWriter::reserve_more(size_t extra) {
  if (out_.capacity() - out_.size() >= extra) return;
  std::vector<uint8_t> grown;
  grown.reserve(std::max({out_.capacity() * 2, out_.size() + extra, size_t{256}}));
  grown.assign(out_.begin(), out_.end());
  secure_wipe(out_.data(), out_.size());
  out_.swap(grown);
}

}  // namespace edgejwt
