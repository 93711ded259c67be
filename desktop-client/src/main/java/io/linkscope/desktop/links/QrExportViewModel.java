package io.linkscope.desktop.links;

import io.linkscope.api.link.LinkView;
import io.linkscope.desktop.ui.Background;
import io.linkscope.desktop.ui.Notifier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The QR code export of a saved link: a size for print (1024 px and up) and a format, written to a
 * file in the background; "Saved to …" or an error dialog tells how it went.
 */
public final class QrExportViewModel {
  /** Pixel sizes offered; the smallest is still sharp on a printed poster at 300 dpi for 8 cm. */
  public static final List<Integer> SIZES = List.of(1024, 2048, 4096);

  /** The file formats offered. */
  public enum Format {
    PNG("png", "PNG image"),
    SVG("svg", "SVG image (scales without loss)");

    private final String extension;
    private final String description;

    Format(String extension, String description) {
      this.extension = extension;
      this.description = description;
    }

    public String extension() {
      return extension;
    }

    public String description() {
      return description;
    }

    @Override
    public String toString() {
      return name();
    }
  }

  private final LinkView link;
  private final Background background;
  private final Notifier notifier;
  private final ObjectProperty<Integer> size = new SimpleObjectProperty<>(this, "size", 1024);
  private final ObjectProperty<Format> format =
      new SimpleObjectProperty<>(this, "format", Format.PNG);
  private final ReadOnlyBooleanWrapper saving = new ReadOnlyBooleanWrapper(this, "saving");

  /** An export of {@code link}, which the collector has stored (its short URL works). */
  public QrExportViewModel(LinkView link, Background background, Notifier notifier) {
    this.link = link;
    this.background = background;
    this.notifier = notifier;
  }

  public LinkView link() {
    return link;
  }

  /** The URL the code encodes. */
  public String shortUrl() {
    return link.shortUrl();
  }

  /** Width and height in pixels. */
  public ObjectProperty<Integer> sizeProperty() {
    return size;
  }

  public ObjectProperty<Format> formatProperty() {
    return format;
  }

  public ReadOnlyBooleanProperty savingProperty() {
    return saving.getReadOnlyProperty();
  }

  /** The dark modules of the code, for the preview. */
  public boolean[][] modules() {
    return QrCodes.modules(link.shortUrl());
  }

  /** "qr-spring-sale-2048.png". */
  public String suggestedFileName() {
    return "qr-%s-%d.%s".formatted(link.slug(), size.get(), format.get().extension());
  }

  private static byte[] render(String url, Format format, int pixels) {
    return switch (format) {
      case PNG -> QrCodes.png(url, pixels);
      case SVG -> QrCodes.svg(url, pixels).getBytes(StandardCharsets.UTF_8);
    };
  }

  /**
   * Writes the code to {@code file} (adding the format's extension when it has none) in the
   * background; {@code done} gets the file written.
   */
  public void export(Path file, Consumer<Path> done) {
    Path target = withExtension(file);
    Format chosen = format.get();
    int pixels = size.get();
    saving.set(true);
    background.run(
        "Export QR code",
        () -> {
          Files.write(target, render(link.shortUrl(), chosen, pixels));
          return target;
        },
        written -> {
          saving.set(false);
          notifier.info("Saved to " + written);
          done.accept(written);
        },
        failure -> {
          saving.set(false);
          notifier.error("Cannot save the QR code", describe(target, failure));
        });
  }

  private Path withExtension(Path file) {
    String name = String.valueOf(file.getFileName());
    String extension = "." + format.get().extension();
    return name.toLowerCase(Locale.ROOT).endsWith(extension)
        ? file
        : file.resolveSibling(name + extension);
  }

  private static String describe(Path file, Throwable failure) {
    String reason =
        failure instanceof java.nio.file.AccessDeniedException
            ? "you may not write there"
            : failure instanceof java.nio.file.NoSuchFileException
                ? "the folder does not exist"
                : failure instanceof IOException io && io.getMessage() != null
                    ? io.getMessage()
                    : String.valueOf(failure.getMessage());
    return "Could not write " + file + ": " + reason + ". Choose another folder and try again.";
  }
}
