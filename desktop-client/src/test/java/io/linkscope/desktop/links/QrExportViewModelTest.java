package io.linkscope.desktop.links;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.linkscope.api.link.LinkView;
import io.linkscope.desktop.testsupport.SampleWorkspace;
import io.linkscope.desktop.ui.Background;
import io.linkscope.desktop.ui.Notice;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QrExportViewModelTest {
  @TempDir Path directory;
  private final List<Notice> notices = new ArrayList<>();
  private final LinkView link = SampleWorkspace.links().getFirst();
  private final QrExportViewModel export =
      new QrExportViewModel(link, Background.inline(), notices::add);

  @ParameterizedTest
  @ValueSource(ints = {1024, 2048, 4096})
  void writesAPngOfExactlyTheChosenSizeThatReadsAsTheShortUrl(int size) throws Exception {
    export.sizeProperty().set(size);
    List<Path> written = new ArrayList<>();

    export.export(directory.resolve("poster"), written::add);

    Path file = directory.resolve("poster.png");
    assertThat(written).containsExactly(file);
    BufferedImage image = ImageIO.read(file.toFile());
    assertThat(image.getWidth()).isEqualTo(size);
    assertThat(image.getHeight()).isEqualTo(size);
    int[] pixels = image.getRGB(0, 0, size, size, null, 0, size);
    String decoded =
        new QRCodeReader()
            .decode(
                new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(size, size, pixels))))
            .getText();
    assertThat(decoded).isEqualTo(link.shortUrl());
    assertThat(notices).containsExactly(Notice.info("Saved to " + file));
  }

  @Test
  void offersOnlyPrintSizesAndNamesTheFileAfterSlugAndSize() {
    assertThat(QrExportViewModel.SIZES).allMatch(size -> size >= 1024);
    export.sizeProperty().set(2048);
    export.formatProperty().set(QrExportViewModel.Format.SVG);

    assertThat(export.suggestedFileName()).isEqualTo("qr-" + link.slug() + "-2048.svg");
  }

  @Test
  void writesAnSvgThatDeclaresTheChosenSize() throws Exception {
    export.formatProperty().set(QrExportViewModel.Format.SVG);
    export.sizeProperty().set(2048);

    export.export(directory.resolve("qr.svg"), file -> {});

    String svg = Files.readString(directory.resolve("qr.svg"), StandardCharsets.UTF_8);
    assertThat(svg).startsWith("<svg").contains("width=\"2048\" height=\"2048\"").contains("<path");
  }

  @Test
  void saysWhyAFileCannotBeWrittenAsAnErrorDialog() {
    Path missing = directory.resolve("no-such-folder").resolve("qr.png");
    List<Path> written = new ArrayList<>();

    export.export(missing, written::add);

    assertThat(written).isEmpty();
    assertThat(export.savingProperty().get()).isFalse();
    assertThat(notices)
        .singleElement()
        .satisfies(
            notice -> {
              assertThat(notice.level()).isEqualTo(Notice.Level.ERROR);
              assertThat(notice.title()).isEqualTo("Cannot save the QR code");
              assertThat(notice.message())
                  .isEqualTo(
                      "Could not write "
                          + missing
                          + ": the folder does not exist. Choose another folder and try again.");
            });
  }
}
