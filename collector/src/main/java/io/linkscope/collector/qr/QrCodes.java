package io.linkscope.collector.qr;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Renders a short link as a QR code, either as a PNG or as an SVG, at error correction level M.
 *
 * <p>The PNG is written by a small encoder in this class (1-bit grayscale, zlib through {@link
 * Deflater}, {@link CRC32} chunk checksums) instead of {@code javax.imageio}. A two-colour image
 * needs none of AWT's machinery, so the server never loads the {@code java.desktop} module, never
 * depends on the headless flag being set, and the output is about an eighth of the size of an 8-bit
 * image before compression.
 *
 * <p>Both formats put the symbol on an exact {@code sizePx} square. The PNG uses a whole number of
 * pixels per module so that edges stay sharp; the pixels that do not divide evenly are added to the
 * quiet zone, split between both sides. The SVG scales through its {@code viewBox}, so it needs no
 * such rounding.
 *
 * <p>Instances hold no state and may be shared between threads.
 */
public final class QrCodes {

  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  /** Encodes {@code text} as a PNG of exactly {@code sizePx} by {@code sizePx} pixels. */
  public byte[] png(String text, int sizePx, int marginModules) {
    ByteMatrix modules = encode(text);
    int symbol = modules.getWidth();
    int total = symbol + 2 * requireMargin(marginModules);
    requireSize(sizePx);
    int scale = sizePx / total;
    if (scale < 1) {
      throw new IllegalArgumentException(
          "A QR code of "
              + total
              + " modules including its margin does not fit in "
              + sizePx
              + " pixels; ask for a larger size, a smaller margin or a shorter text.");
    }
    // The leftover pixels widen the quiet zone; the left/top side gets the smaller half.
    int offset = (sizePx - symbol * scale) / 2;

    int rowBytes = (sizePx + 7) / 8;
    int stride = rowBytes + 1; // one filter-type byte in front of each scanline
    byte[] raw = new byte[stride * sizePx];
    byte[] whiteRow = new byte[stride];
    Arrays.fill(whiteRow, 1, stride, (byte) 0xff); // filter 0 (None), all bits 1 = white
    byte[] row = new byte[stride];
    for (int y = 0; y < sizePx; y++) {
      int moduleY = Math.floorDiv(y - offset, scale);
      byte[] source = whiteRow;
      if (moduleY >= 0 && moduleY < symbol) {
        // Every pixel row of one module row is identical: build it once and reuse it.
        if ((y - offset) % scale == 0) {
          fillRow(row, modules, moduleY, symbol, scale, offset, sizePx);
        }
        source = row;
      }
      System.arraycopy(source, 0, raw, y * stride, stride);
    }
    return pngBytes(sizePx, raw);
  }

  /**
   * Encodes {@code text} as an SVG document that is {@code sizePx} wide and high.
   *
   * <p>The dark modules are one {@code <path>} of horizontal runs, one sub-path per run, in module
   * coordinates; the {@code viewBox} maps them onto the requested size. The document holds only
   * numbers and fixed markup: the encoded text never appears in it, so nothing needs escaping.
   */
  public String svg(String text, int sizePx, int marginModules) {
    ByteMatrix modules = encode(text);
    int margin = requireMargin(marginModules);
    requireSize(sizePx);
    int symbol = modules.getWidth();
    int total = symbol + 2 * margin;

    StringBuilder path = new StringBuilder(symbol * symbol);
    for (int y = 0; y < symbol; y++) {
      int x = 0;
      while (x < symbol) {
        if (modules.get(x, y) != 1) {
          x++;
          continue;
        }
        int start = x;
        while (x < symbol && modules.get(x, y) == 1) {
          x++;
        }
        int run = x - start;
        path.append('M')
            .append(start + margin)
            .append(' ')
            .append(y + margin)
            .append('h')
            .append(run)
            .append("v1h-")
            .append(run)
            .append('z');
      }
    }

    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\""
        + sizePx
        + "\" height=\""
        + sizePx
        + "\" viewBox=\"0 0 "
        + total
        + ' '
        + total
        + "\" shape-rendering=\"crispEdges\">"
        + "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>"
        + "<path fill=\"#000000\" d=\""
        + path
        + "\"/></svg>\n";
  }

  private static ByteMatrix encode(String text) {
    if (text == null || text.isEmpty()) {
      throw new IllegalArgumentException("A QR code needs a non-empty text to encode.");
    }
    Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
    // Pure ASCII is the same bytes in UTF-8 and in QR's default ISO-8859-1, so only other text
    // carries the UTF-8 ECI header: it costs space and a few older scanners ignore it.
    if (!isAscii(text)) {
      hints.put(EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name());
    }
    try {
      return Encoder.encode(text, ErrorCorrectionLevel.M, hints).getMatrix();
    } catch (WriterException e) {
      throw new IllegalArgumentException(
          "The text is too long to fit in a QR code at error correction level M.", e);
    }
  }

  private static boolean isAscii(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) > 0x7f) {
        return false;
      }
    }
    return true;
  }

  private static void requireSize(int sizePx) {
    if (sizePx < 1) {
      throw new IllegalArgumentException(
          "The size must be at least one pixel, got " + sizePx + ".");
    }
  }

  private static int requireMargin(int marginModules) {
    if (marginModules < 0) {
      throw new IllegalArgumentException(
          "The margin cannot be negative, got " + marginModules + " modules.");
    }
    return marginModules;
  }

  private static void fillRow(
      byte[] row, ByteMatrix modules, int moduleY, int symbol, int scale, int offset, int width) {
    Arrays.fill(row, 1, row.length, (byte) 0xff);
    for (int moduleX = 0; moduleX < symbol; moduleX++) {
      if (modules.get(moduleX, moduleY) != 1) {
        continue;
      }
      int from = offset + moduleX * scale;
      int to = Math.min(from + scale, width);
      for (int x = from; x < to; x++) {
        // Most significant bit is the leftmost pixel; a 0 bit is black in 1-bit grayscale.
        row[1 + (x >> 3)] &= (byte) ~(0x80 >>> (x & 7));
      }
    }
  }

  private static byte[] pngBytes(int size, byte[] raw) {
    ByteBuffer header = ByteBuffer.allocate(13);
    header.putInt(size).putInt(size);
    header.put((byte) 1); // bit depth
    header.put((byte) 0); // colour type: grayscale
    header.put((byte) 0); // compression: deflate
    header.put((byte) 0); // filter method: adaptive (each row says None)
    header.put((byte) 0); // no interlace

    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
    ByteArrayOutputStream compressed = new ByteArrayOutputStream(raw.length / 8 + 64);
    try {
      deflater.setInput(raw);
      deflater.finish();
      byte[] buffer = new byte[8192];
      while (!deflater.finished()) {
        int n = deflater.deflate(buffer);
        compressed.write(buffer, 0, n);
      }
    } finally {
      deflater.end();
    }

    ByteArrayOutputStream out = new ByteArrayOutputStream(compressed.size() + 64);
    out.writeBytes(PNG_SIGNATURE);
    writeChunk(out, "IHDR", header.array());
    writeChunk(out, "IDAT", compressed.toByteArray());
    writeChunk(out, "IEND", new byte[0]);
    return out.toByteArray();
  }

  private static void writeChunk(ByteArrayOutputStream out, String type, byte[] data) {
    byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
    CRC32 crc = new CRC32();
    crc.update(typeBytes);
    crc.update(data);
    out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
    out.writeBytes(typeBytes);
    out.writeBytes(data);
    out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }
}
