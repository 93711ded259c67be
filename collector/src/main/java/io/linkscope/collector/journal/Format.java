package io.linkscope.collector.journal;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The on-disk layout of segments and records, shared by the writer, the reader and recovery.
 *
 * <p>A segment starts with {@code [int magic][int version]}. Each record is {@code [int
 * payloadLength][int crc32c][payload]}, big-endian, where the checksum covers the four length bytes
 * and the payload, so a zero-filled or torn tail never validates.
 */
final class Format {

  /** "LSJL": identifies a Linkscope journal segment. */
  static final int MAGIC = 0x4C534A4C;

  static final int VERSION = 1;
  static final int SEGMENT_HEADER_BYTES = 8;
  static final int RECORD_HEADER_BYTES = 8;

  /**
   * Largest accepted payload; recovery and the reader treat a larger length field as damage, which
   * keeps a corrupt length from turning into a huge allocation.
   */
  static final int MAX_PAYLOAD_BYTES = 1 << 20;

  private Format() {}

  static byte[] segmentHeader() {
    return ByteBuffer.allocate(SEGMENT_HEADER_BYTES).putInt(MAGIC).putInt(VERSION).array();
  }

  /** Builds the complete on-disk record for one payload. */
  static byte[] frame(byte[] payload) {
    byte[] frame = new byte[RECORD_HEADER_BYTES + payload.length];
    ByteBuffer buffer = ByteBuffer.wrap(frame);
    buffer.putInt(0, payload.length);
    System.arraycopy(payload, 0, frame, RECORD_HEADER_BYTES, payload.length);
    buffer.putInt(4, checksum(frame, 0));
    return frame;
  }

  /** The checksum of the record framed at {@code start}; its length field must be sane. */
  static int checksum(byte[] buffer, int start) {
    int length = ByteBuffer.wrap(buffer).getInt(start);
    CRC32C crc = new CRC32C();
    crc.update(buffer, start, 4);
    crc.update(buffer, start + RECORD_HEADER_BYTES, length);
    return (int) crc.getValue();
  }

  static boolean saneLength(int length) {
    return length >= 0 && length <= MAX_PAYLOAD_BYTES;
  }
}
