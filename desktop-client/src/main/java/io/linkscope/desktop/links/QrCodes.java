package io.linkscope.desktop.links;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * QR codes of short URLs, made locally so that preview and export also work offline. The modules
 * are the same as the collector's (medium error correction, 2-module quiet zone).
 */
public final class QrCodes {
  private QrCodes() {}

  /** The dark modules, [row][column], including the quiet zone. */
  public static boolean[][] modules(String text) {
    BitMatrix matrix = matrix(text);
    boolean[][] modules = new boolean[matrix.getHeight()][matrix.getWidth()];
    for (int y = 0; y < matrix.getHeight(); y++) {
      for (int x = 0; x < matrix.getWidth(); x++) {
        modules[y][x] = matrix.get(x, y);
      }
    }
    return modules;
  }

  /**
   * A PNG of exactly {@code size} × {@code size} pixels: every module gets the same whole number of
   * pixels (so the code prints crisply), and what does not divide evenly is white border.
   */
  public static byte[] png(String text, int size) {
    boolean[][] modules = modules(text);
    if (size < modules.length) {
      throw new IllegalArgumentException(
          "A QR code of " + text + " needs at least " + modules.length + " pixels");
    }
    int cell = size / modules.length;
    int offset = (size - cell * modules.length) / 2;
    BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_BINARY);
    Graphics2D g = image.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, size, size);
      g.setColor(Color.BLACK);
      for (int y = 0; y < modules.length; y++) {
        for (int x = 0; x < modules.length; x++) {
          if (modules[y][x]) {
            g.fillRect(offset + x * cell, offset + y * cell, cell, cell);
          }
        }
      }
    } finally {
      g.dispose();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** An SVG drawn at {@code size} × {@code size} pixels by default; it scales without loss. */
  public static String svg(String text, int size) {
    boolean[][] modules = modules(text);
    int count = modules.length;
    StringBuilder svg =
        new StringBuilder(
            ("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                    + " viewBox=\"0 0 %d %d\" shape-rendering=\"crispEdges\">")
                .formatted(size, size, count, count));
    svg.append("<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path fill=\"#000\" d=\"");
    for (int y = 0; y < count; y++) {
      for (int x = 0; x < count; x++) {
        if (modules[y][x]) {
          svg.append("M").append(x).append(' ').append(y).append("h1v1h-1z");
        }
      }
    }
    return svg.append("\"/></svg>\n").toString();
  }

  private static BitMatrix matrix(String text) {
    try {
      return new QRCodeWriter()
          .encode(
              text,
              BarcodeFormat.QR_CODE,
              0,
              0,
              Map.of(
                  EncodeHintType.ERROR_CORRECTION,
                  ErrorCorrectionLevel.M,
                  EncodeHintType.MARGIN,
                  2));
    } catch (WriterException e) {
      throw new IllegalArgumentException("Cannot encode a QR code for " + text, e);
    }
  }
}
