package io.linkscope.collector.qr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.LuminanceSource;
import com.google.zxing.Result;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;

class QrCodesTest {

  private static final String LINK = "https://lnk.example/aB3dE9";
  private static final String UNICODE_LINK = "https://lnk.example/café?q=Grüße&emoji=🚀";

  /** One horizontal run of dark modules, as {@link QrCodes#svg} writes it. */
  private static final Pattern RUN = Pattern.compile("M(\\d+) (\\d+)h(\\d+)v1h-(\\d+)z");

  private final QrCodes qr = new QrCodes();

  @BeforeAll
  static void headless() {
    // ImageIO only decodes here, but it must not try to reach a display on a build machine.
    System.setProperty("java.awt.headless", "true");
  }

  @ParameterizedTest
  @CsvSource(
      textBlock =
          """
          64,   0
          256,  2
          300,  4
          1000, 16
          2048, 2
          """)
  void pngDecodesBackToTheLinkAtTheRequestedSize(int size, int margin) throws Exception {
    byte[] png = qr.png(LINK, size, margin);

    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));

    assertThat(image).isNotNull();
    assertThat(image.getWidth()).isEqualTo(size);
    assertThat(image.getHeight()).isEqualTo(size);
    assertThat(decode(luminanceOf(image), image.getWidth(), image.getHeight())).isEqualTo(LINK);
  }

  @Test
  void pngIsOneBitGrayscale() {
    byte[] png = qr.png(LINK, 256, 2);

    assertThat(png).startsWith(0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n');
    // IHDR follows the signature: length, type, width, height, bit depth, colour type.
    assertThat(new String(png, 12, 4, StandardCharsets.US_ASCII)).isEqualTo("IHDR");
    assertThat(png[24]).as("bit depth").isEqualTo((byte) 1);
    assertThat(png[25]).as("colour type").isEqualTo((byte) 0);
  }

  @Test
  void pngRoundTripsNonAsciiTextAsUtf8() throws Exception {
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(qr.png(UNICODE_LINK, 400, 2)));

    assertThat(decode(luminanceOf(image), image.getWidth(), image.getHeight()))
        .isEqualTo(UNICODE_LINK);
  }

  @Test
  void pngSurroundsTheSymbolWithAtLeastTheRequestedMargin() throws Exception {
    int size = 330;
    int margin = 4;
    int total = viewBoxSide(parseXml(qr.svg(LINK, size, margin)).getDocumentElement());
    int scale = size / total;
    int symbolPx = (total - 2 * margin) * scale;
    int offset = (size - symbolPx) / 2;
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(qr.png(LINK, size, margin)));
    int[] gray = luminanceInts(image);

    assertThat(offset).isGreaterThanOrEqualTo(margin * scale);
    for (int i = 0; i < size; i++) {
      for (int j = 0; j < size; j++) {
        boolean inSymbol =
            i >= offset && i < offset + symbolPx && j >= offset && j < offset + symbolPx;
        if (!inSymbol) {
          assertThat(gray[i * size + j]).as("pixel %d,%d outside the symbol", j, i).isEqualTo(255);
        }
      }
    }
    // Each finder pattern's outer corner is dark, so the symbol starts exactly there.
    assertThat(gray[offset * size + offset]).isZero();
    assertThat(gray[offset * size + offset + symbolPx - 1]).isZero();
    assertThat(gray[(offset + symbolPx - 1) * size + offset]).isZero();
  }

  @Test
  void pngThatCannotHoldOnePixelPerModuleIsRefused() {
    // A 300-character text needs a version 13 symbol (69 modules), plus 32 of margin.
    String longText = LINK + "?" + "x".repeat(300);

    assertThatThrownBy(() -> qr.png(longText, 64, 16))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not fit in 64 pixels");
  }

  @Test
  void textTooLongForAnyQrCodeIsRefused() {
    assertThatThrownBy(() -> qr.svg("x".repeat(5000), 256, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("too long");
  }

  @Test
  void emptyTextIsRefused() {
    assertThatThrownBy(() -> qr.png("", 256, 2)).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @CsvSource(
      textBlock =
          """
          64,   0
          256,  2
          512,  16
          """)
  void svgIsWellFormedAndDecodesBackToTheLink(int size, int margin) throws Exception {
    String svg = qr.svg(LINK, size, margin);

    Element root = parseXml(svg).getDocumentElement();

    assertThat(root.getLocalName()).isEqualTo("svg");
    assertThat(root.getAttribute("width")).isEqualTo(Integer.toString(size));
    assertThat(root.getAttribute("height")).isEqualTo(Integer.toString(size));
    assertThat(root.getAttribute("shape-rendering")).isEqualTo("crispEdges");
    assertThat(decodeSvg(root)).isEqualTo(LINK);
  }

  @Test
  void svgRoundTripsNonAsciiText() throws Exception {
    Element root = parseXml(qr.svg(UNICODE_LINK, 256, 2)).getDocumentElement();

    assertThat(decodeSvg(root)).isEqualTo(UNICODE_LINK);
  }

  @Test
  void svgHasAWhiteBackgroundAndASinglePath() throws Exception {
    Element root = parseXml(qr.svg(LINK, 256, 2)).getDocumentElement();

    assertThat(root.getElementsByTagNameNS("*", "path").getLength()).isEqualTo(1);
    Element rect = (Element) root.getElementsByTagNameNS("*", "rect").item(0);
    assertThat(rect.getAttribute("fill")).isEqualTo("#ffffff");
    assertThat(rect.getAttribute("width")).isEqualTo("100%");
  }

  @Test
  void svgViewBoxCoversSymbolPlusMarginOnBothSides() throws Exception {
    Element withoutMargin = parseXml(qr.svg(LINK, 256, 0)).getDocumentElement();
    Element withMargin = parseXml(qr.svg(LINK, 256, 3)).getDocumentElement();

    int symbol = viewBoxSide(withoutMargin);
    assertThat(viewBoxSide(withMargin)).isEqualTo(symbol + 6);
    // The top-left finder pattern starts in the very corner when there is no margin.
    assertThat(pathData(withoutMargin)).startsWith("M0 0h7v1h-7z");
    assertThat(pathData(withMargin)).startsWith("M3 3h7v1h-7z");
  }

  @Test
  void svgNeverContainsTheEncodedText() {
    String hostile = "https://lnk.example/\"><script>alert(1)</script>&amp;";

    String svg = qr.svg(hostile, 256, 2);

    assertThat(svg).doesNotContain("script").doesNotContain("lnk.example");
  }

  @Test
  void qrCodesAreDeterministic() {
    assertThat(qr.png(LINK, 256, 2)).isEqualTo(qr.png(LINK, 256, 2));
    assertThat(qr.svg(LINK, 256, 2)).isEqualTo(qr.svg(LINK, 256, 2));
  }

  @Test
  void requestWithoutParametersUsesDefaults() {
    assertThat(QrRequest.parse(null, null)).isEqualTo(new QrRequest(256, 2));
    assertThat(QrRequest.parse("", "  ")).isEqualTo(new QrRequest(256, 2));
  }

  @ParameterizedTest
  @CsvSource(
      textBlock =
          """
          64,   0,  64,   0
          2048, 16, 2048, 16
          ' 512 ', 4, 512, 4
          300,  '', 300,  2
          '',   7,  256,  7
          """)
  void requestAcceptsValuesWithinRange(
      String sizeParam, String marginParam, int expectedSize, int expectedMargin) {
    assertThat(QrRequest.parse(sizeParam, marginParam))
        .isEqualTo(new QrRequest(expectedSize, expectedMargin));
  }

  @ParameterizedTest(name = "size={0} margin={1} is refused")
  @CsvSource(
      delimiter = '|',
      nullValues = "null",
      textBlock =
          """
          63          | 2    | The size must be a whole number of pixels from 64 to 2048, got "63".
          2049        | 2    | The size must be a whole number of pixels from 64 to 2048, got "2049".
          0           | 2    | The size must be a whole number of pixels from 64 to 2048, got "0".
          -256        | 2    | The size must be a whole number of pixels from 64 to 2048, got "-256".
          +256        | 2    | The size must be a whole number of pixels from 64 to 2048, got "+256".
          abc         | 2    | The size must be a whole number of pixels from 64 to 2048, got "abc".
          256.5       | 2    | The size must be a whole number of pixels from 64 to 2048, got "256.5".
          99999999999 | 2    | The size must be a whole number of pixels from 64 to 2048, got "99999999999".
          256         | 17   | The margin must be a whole number of modules from 0 to 16, got "17".
          256         | -1   | The margin must be a whole number of modules from 0 to 16, got "-1".
          256         | two  | The margin must be a whole number of modules from 0 to 16, got "two".
          256         | 0x2  | The margin must be a whole number of modules from 0 to 16, got "0x2".
          null        | 1e1  | The margin must be a whole number of modules from 0 to 16, got "1e1".
          """)
  void requestWithBadParameterIsRefusedWithASentence(
      String sizeParam, String marginParam, String message) {
    assertThatThrownBy(() -> QrRequest.parse(sizeParam, marginParam))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @Test
  void requestEchoesOnlyTheStartOfAVeryLongValue() {
    assertThatThrownBy(() -> QrRequest.parse("9".repeat(500), null))
        .hasMessageEndingWith("got \"99999999999999999999...\".");
  }

  private static String decode(byte[] luminance, int width, int height) throws Exception {
    LuminanceSource source = new GrayLuminanceSource(luminance, width, height);
    Map<DecodeHintType, Object> hints = new EnumMap<>(DecodeHintType.class);
    hints.put(DecodeHintType.TRY_HARDER, Boolean.TRUE);
    Result result = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)), hints);
    return result.getText();
  }

  private static int[] luminanceInts(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    int[] out = new int[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int rgb = image.getRGB(x, y);
        int r = (rgb >> 16) & 0xff;
        int g = (rgb >> 8) & 0xff;
        int b = rgb & 0xff;
        out[y * w + x] = (r * 299 + g * 587 + b * 114) / 1000;
      }
    }
    return out;
  }

  private static byte[] luminanceOf(BufferedImage image) {
    int[] gray = luminanceInts(image);
    byte[] out = new byte[gray.length];
    for (int i = 0; i < gray.length; i++) {
      out[i] = (byte) gray[i];
    }
    return out;
  }

  private static Document parseXml(String xml) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
  }

  private static int viewBoxSide(Element svg) {
    String[] parts = svg.getAttribute("viewBox").trim().split("\\s+");
    assertThat(parts).hasSize(4);
    assertThat(parts[0]).isEqualTo("0");
    assertThat(parts[1]).isEqualTo("0");
    assertThat(parts[2]).isEqualTo(parts[3]);
    return Integer.parseInt(parts[2]);
  }

  private static String pathData(Element svg) {
    return ((Element) svg.getElementsByTagNameNS("*", "path").item(0)).getAttribute("d");
  }

  /**
   * Rasterizes the path's one-module-high runs into a module grid, scales it up so the reader sees
   * a normal photo-like image, and decodes that.
   */
  private static String decodeSvg(Element svg) throws Exception {
    int modules = viewBoxSide(svg);
    String d = pathData(svg);
    BitMatrix grid = new BitMatrix(modules);
    Matcher m = RUN.matcher(d);
    int consumed = 0;
    while (m.find()) {
      assertThat(m.start()).as("path data has only run sub-paths").isEqualTo(consumed);
      consumed = m.end();
      int x = Integer.parseInt(m.group(1));
      int y = Integer.parseInt(m.group(2));
      int run = Integer.parseInt(m.group(3));
      assertThat(m.group(4)).isEqualTo(m.group(3));
      grid.setRegion(x, y, run, 1);
    }
    assertThat(consumed).isEqualTo(d.length());

    int scale = 4;
    // The reader's finder-pattern search wants a quiet zone even when the SVG has none.
    int border = 4 * scale;
    int side = modules * scale + 2 * border;
    byte[] luminance = new byte[side * side];
    Arrays.fill(luminance, (byte) 0xff);
    for (int y = 0; y < modules * scale; y++) {
      for (int x = 0; x < modules * scale; x++) {
        if (grid.get(x / scale, y / scale)) {
          luminance[(y + border) * side + x + border] = 0;
        }
      }
    }
    return decode(luminance, side, side);
  }

  /** A grayscale image held as one byte per pixel, row by row. */
  private static final class GrayLuminanceSource extends LuminanceSource {
    private final byte[] pixels;

    GrayLuminanceSource(byte[] pixels, int width, int height) {
      super(width, height);
      this.pixels = pixels;
    }

    @Override
    public byte[] getRow(int y, byte[] row) {
      byte[] out = row != null && row.length >= getWidth() ? row : new byte[getWidth()];
      System.arraycopy(pixels, y * getWidth(), out, 0, getWidth());
      return out;
    }

    @Override
    public byte[] getMatrix() {
      return pixels;
    }
  }
}
