package io.linkscope.desktop.links;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
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

  public static byte[] png(String text, int pixelsPerModule) {
    boolean[][] modules = modules(text);
    int size = modules.length * pixelsPerModule;
    BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_BINARY);
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        boolean dark = modules[y / pixelsPerModule][x / pixelsPerModule];
        image.setRGB(x, y, dark ? 0xFF000000 : 0xFFFFFFFF);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  public static String svg(String text) {
    boolean[][] modules = modules(text);
    int size = modules.length;
    StringBuilder svg =
        new StringBuilder(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" shape-rendering=\"crispEdges\">"
                .formatted(size, size));
    svg.append("<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path fill=\"#000\" d=\"");
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
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
