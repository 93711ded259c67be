package io.linkscope.collector.click;

import io.linkscope.collector.enrich.GeoLocation;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.UUID;

/**
 * A visit as captured on the request thread, before the answer goes out: what the journal stores.
 * The IP is already geolocated and hashed; the raw IP is not part of it. Everything costly (User-
 * Agent parsing, referrer classification) happens later in the pipeline.
 *
 * @param kind what was visited: see {@link Kind}
 * @param linkId the link clicked, 0 when none
 * @param pageId the bio page viewed or tapped on, 0 when none
 * @param widgetId the bio widget tapped, 0 when none
 * @param destinationKey which rule or variant of the link sent the visit ({@code rule:<id>}, {@code
 *     variant:<id>}), {@code ""} for the link's own target
 * @param destinationUrl where a rule or variant sent the visit, {@code ""} for the link's own
 *     target and for rules that answer with a page
 */
public record ClickEvent(
    UUID id,
    long epochMillis,
    Kind kind,
    long workspaceId,
    long linkId,
    long pageId,
    long widgetId,
    String widgetType,
    String widgetTitle,
    String domain,
    String path,
    byte[] ipHash,
    GeoLocation geo,
    String userAgent,
    String referrer,
    String query,
    String acceptLanguage,
    String destinationKey,
    String destinationUrl) {

  /** Format 2 appends the destination; format 1 records (written before it) read without one. */
  private static final byte FORMAT = 2;

  private static final byte FORMAT_WITHOUT_DESTINATION = 1;

  /** A visit sent to its link's own target (or no link's): no destination key or URL. */
  public ClickEvent(
      UUID id,
      long epochMillis,
      Kind kind,
      long workspaceId,
      long linkId,
      long pageId,
      long widgetId,
      String widgetType,
      String widgetTitle,
      String domain,
      String path,
      byte[] ipHash,
      GeoLocation geo,
      String userAgent,
      String referrer,
      String query,
      String acceptLanguage) {
    this(
        id,
        epochMillis,
        kind,
        workspaceId,
        linkId,
        pageId,
        widgetId,
        widgetType,
        widgetTitle,
        domain,
        path,
        ipHash,
        geo,
        userAgent,
        referrer,
        query,
        acceptLanguage,
        "",
        "");
  }

  /** What kind of visit an event is; the code is stored in the journal and the database. */
  public enum Kind {
    LINK_CLICK(1),
    ORPHAN_VISIT(2),
    PAGE_VIEW(3),
    WIDGET_TAP(4);

    private final int code;

    Kind(int code) {
      this.code = code;
    }

    public int code() {
      return code;
    }

    public static Kind of(int code) {
      for (Kind kind : values()) {
        if (kind.code == code) {
          return kind;
        }
      }
      throw new IllegalArgumentException("unknown click kind " + code);
    }
  }

  /** The journal's binary form: a format byte, then the fields in order. */
  public byte[] encode() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(FORMAT);
      out.writeLong(id.getMostSignificantBits());
      out.writeLong(id.getLeastSignificantBits());
      out.writeLong(epochMillis);
      out.writeByte(kind.code());
      out.writeLong(workspaceId);
      out.writeLong(linkId);
      out.writeLong(pageId);
      out.writeLong(widgetId);
      out.writeUTF(widgetType);
      out.writeUTF(widgetTitle);
      out.writeUTF(domain);
      out.writeUTF(path);
      out.writeByte(ipHash.length);
      out.write(ipHash);
      out.writeUTF(geo.countryCode());
      out.writeUTF(geo.countryName());
      out.writeUTF(geo.regionCode());
      out.writeUTF(geo.regionName());
      out.writeUTF(geo.city());
      out.writeBoolean(geo.latitude() != null && geo.longitude() != null);
      if (geo.latitude() != null && geo.longitude() != null) {
        out.writeDouble(geo.latitude());
        out.writeDouble(geo.longitude());
      }
      out.writeUTF(userAgent);
      out.writeUTF(referrer);
      out.writeUTF(query);
      out.writeUTF(acceptLanguage);
      out.writeUTF(destinationKey);
      out.writeUTF(destinationUrl);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  public static ClickEvent decode(byte[] payload) {
    try {
      Reader in = new Reader(payload);
      int format = in.readByte();
      if (format != FORMAT && format != FORMAT_WITHOUT_DESTINATION) {
        throw new IllegalArgumentException("unknown click record format " + format);
      }
      UUID id = new UUID(in.readLong(), in.readLong());
      long epochMillis = in.readLong();
      Kind kind = Kind.of(in.readByte());
      long workspaceId = in.readLong();
      long linkId = in.readLong();
      long pageId = in.readLong();
      long widgetId = in.readLong();
      String widgetType = in.readUTF();
      String widgetTitle = in.readUTF();
      String domain = in.readUTF();
      String path = in.readUTF();
      byte[] ipHash = in.readBytes(in.readByte() & 0xff);
      String countryCode = in.readUTF();
      String countryName = in.readUTF();
      String regionCode = in.readUTF();
      String regionName = in.readUTF();
      String city = in.readUTF();
      Double latitude = null;
      Double longitude = null;
      if (in.readByte() != 0) {
        latitude = Double.longBitsToDouble(in.readLong());
        longitude = Double.longBitsToDouble(in.readLong());
      }
      GeoLocation geo =
          new GeoLocation(
              countryCode, countryName, regionCode, regionName, city, latitude, longitude);
      return new ClickEvent(
          id,
          epochMillis,
          kind,
          workspaceId,
          linkId,
          pageId,
          widgetId,
          widgetType,
          widgetTitle,
          domain,
          path,
          ipHash,
          geo,
          in.readUTF(),
          in.readUTF(),
          in.readUTF(),
          in.readUTF(),
          format == FORMAT ? in.readUTF() : "",
          format == FORMAT ? in.readUTF() : "");
    } catch (IOException | IndexOutOfBoundsException e) {
      throw new IllegalArgumentException("truncated click record", e);
    }
  }

  /**
   * Reads what {@link DataOutputStream} wrote straight from the record's bytes: ASCII strings (most
   * of them) become strings without a char array in between; others go through {@link
   * DataInputStream#readUTF}, so every string decodes exactly as before.
   */
  private static final class Reader {
    private final byte[] bytes;
    private int at;

    Reader(byte[] bytes) {
      this.bytes = bytes;
    }

    byte readByte() {
      return bytes[at++];
    }

    long readLong() {
      Objects.checkFromIndexSize(at, Long.BYTES, bytes.length);
      long value = (long) LONG.get(bytes, at);
      at += Long.BYTES;
      return value;
    }

    byte[] readBytes(int length) {
      Objects.checkFromIndexSize(at, length, bytes.length);
      byte[] value = Arrays.copyOfRange(bytes, at, at + length);
      at += length;
      return value;
    }

    String readUTF() throws IOException {
      Objects.checkFromIndexSize(at, 2, bytes.length);
      int length = ((bytes[at] & 0xff) << 8) | (bytes[at + 1] & 0xff);
      int start = at + 2;
      Objects.checkFromIndexSize(start, length, bytes.length);
      for (int i = start; i < start + length; i++) {
        if (bytes[i] <= 0) {
          // Not plain ASCII (modified UTF-8 writes NUL as two bytes): the standard decoder.
          String value =
              new DataInputStream(new ByteArrayInputStream(bytes, at, 2 + length)).readUTF();
          at = start + length;
          return value;
        }
      }
      at = start + length;
      return length == 0 ? "" : new String(bytes, start, length, StandardCharsets.ISO_8859_1);
    }
  }

  private static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
}
