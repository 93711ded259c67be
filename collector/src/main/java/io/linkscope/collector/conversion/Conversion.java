package io.linkscope.collector.conversion;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A validated conversion as the conversion journal stores it, before it reaches MariaDB.
 *
 * @param via how it was reported
 */
record Conversion(
    long workspaceId,
    String eventId,
    UUID clickId,
    String event,
    @Nullable BigDecimal value,
    @Nullable String currency,
    long occurredAtMillis,
    long receivedAtMillis,
    Via via) {

  private static final byte FORMAT = 1;

  /** How a conversion was reported; the code is stored. */
  enum Via {
    API(1),
    POSTBACK(2);

    final int code;

    Via(int code) {
      this.code = code;
    }

    static Via of(int code) {
      for (Via via : values()) {
        if (via.code == code) {
          return via;
        }
      }
      throw new IllegalArgumentException("unknown conversion source " + code);
    }
  }

  byte[] encode() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(FORMAT);
      out.writeLong(workspaceId);
      out.writeUTF(eventId);
      out.writeLong(clickId.getMostSignificantBits());
      out.writeLong(clickId.getLeastSignificantBits());
      out.writeUTF(event);
      out.writeUTF(value == null ? "" : value.toPlainString());
      out.writeUTF(currency == null ? "" : currency);
      out.writeLong(occurredAtMillis);
      out.writeLong(receivedAtMillis);
      out.writeByte(via.code);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static Conversion decode(byte[] payload) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
      int format = in.readByte();
      if (format != FORMAT) {
        throw new IllegalArgumentException("unknown conversion record format " + format);
      }
      long workspaceId = in.readLong();
      String eventId = in.readUTF();
      UUID clickId = new UUID(in.readLong(), in.readLong());
      String event = in.readUTF();
      String value = in.readUTF();
      String currency = in.readUTF();
      return new Conversion(
          workspaceId,
          eventId,
          clickId,
          event,
          value.isEmpty() ? null : new BigDecimal(value),
          currency.isEmpty() ? null : currency,
          in.readLong(),
          in.readLong(),
          Via.of(in.readByte()));
    } catch (IOException e) {
      throw new IllegalArgumentException("truncated conversion record", e);
    }
  }
}
