package io.linkscope.desktop.map;

import io.linkscope.desktop.ui.Theme;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javafx.animation.FadeTransition;
import javafx.animation.ParallelTransition;
import javafx.animation.ScaleTransition;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.WeakChangeListener;
import javafx.geometry.Bounds;
import javafx.geometry.Pos;
import javafx.scene.Group;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.CycleMethod;
import javafx.scene.paint.LinearGradient;
import javafx.scene.paint.Stop;
import javafx.scene.shape.Circle;
import javafx.scene.shape.ClosePath;
import javafx.scene.shape.FillRule;
import javafx.scene.shape.LineTo;
import javafx.scene.shape.MoveTo;
import javafx.scene.shape.Path;
import javafx.scene.shape.Rectangle;
import javafx.scene.transform.Scale;
import javafx.util.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A world choropleth: countries shaded by count (log scale), a legend, a hover label with the
 * country's name and count, and dots for cities with coordinates. Equirectangular, 85°N to 58°S.
 */
public final class WorldMap extends Region {
  private static final double NORTH = 84;
  private static final double SOUTH = -58;
  private static final double WIDTH = 360;
  private static final double HEIGHT = NORTH - SOUTH;
  private static final List<CountryShape> SHAPES = TopoJson.worldCountries();

  /** What the map says instead of a blank world when no click has a known country. */
  public static final String NO_COUNTRIES =
      "The country of every click is unknown: the collector has no GeoIP database.\n"
          + "To fix it, get MaxMind's free GeoLite2 City database with geoipupdate and start the"
          + " collector with --geoip-database pointing at GeoLite2-City.mmdb (README, \"GeoIP"
          + " data\"). Clicks after that get their country.";

  private final Pane canvas = new Pane();
  private final Group world = new Group();
  private final Group cities = new Group();
  private final Group pulses = new Group();
  private final Scale scale = new Scale(1, 1, 0, 0);
  private final Label hover = new Label();
  private final Label legendMax = new Label("0");

  /** The colour scale of the legend, shown only when some country has clicks. */
  private final HBox legendScale = new HBox(6);

  private final FlowPane legend;

  /** Takes the map's place when no click has a known country, and says why and how to fix it. */
  private final Label noCountries = new Label(NO_COUNTRIES);

  /** How many clicks have no known country, after the legend; hidden when there are none. */
  private final Label unknown = new Label();

  private final Map<String, List<Path>> paths = new HashMap<>();
  private final Map<String, String> names = new HashMap<>();
  private Map<String, Long> counts = Map.of();
  private String unit = "clicks";
  private Theme.Palette palette = Theme.currentProperty().get().palette();
  private final Rectangle gradient = new Rectangle(140, 10);
  private final Rectangle none = new Rectangle(10, 10);

  /** Repaints in the colours of a theme the user switched to; weakly held by the theme. */
  private final ChangeListener<Theme> themeChanged = (o, before, after) -> paint(after);

  public WorldMap() {
    getStyleClass().add("world-map");
    world.getTransforms().add(scale);
    cities.getTransforms().add(scale);
    pulses.getTransforms().add(scale);
    for (CountryShape shape : SHAPES) {
      Path path = toPath(shape);
      names.put(shape.alpha2(), shape.name());
      // The country code of a shape, for screens that react to a click on it.
      path.setUserData(shape.alpha2());
      paths.computeIfAbsent(shape.alpha2(), key -> new ArrayList<>()).add(path);
      path.setOnMouseEntered(
          event -> {
            showHover(shape);
            path.setStroke(palette.mapHighlight());
            path.toFront();
          });
      path.setOnMouseMoved(event -> moveHover(event.getX(), event.getY()));
      path.setOnMouseExited(
          event -> {
            hover.setVisible(false);
            path.setStroke(palette.mapOutline());
          });
      world.getChildren().add(path);
    }
    Rectangle clip = new Rectangle();
    clip.widthProperty().bind(canvas.widthProperty());
    clip.heightProperty().bind(canvas.heightProperty());
    canvas.setClip(clip);
    cities.setMouseTransparent(true);
    pulses.setMouseTransparent(true);
    hover.getStyleClass().add("map-hover");
    hover.setVisible(false);
    hover.setMouseTransparent(true);
    hover.setStyle(
        "-fx-background-color: rgba(17,24,39,0.92); -fx-text-fill: white; -fx-padding: 4 8;"
            + " -fx-background-radius: 4;");
    canvas.getChildren().addAll(world, cities, pulses, hover);
    Region gap = new Region();
    gap.setMinWidth(8);
    legendScale.getChildren().addAll(gap, new Label("1"), gradient, legendMax);
    legendScale.setAlignment(Pos.CENTER_LEFT);
    unknown.getStyleClass().add("muted");
    Label noData = new Label("no data");
    HBox noDataKey = new HBox(6, none, noData);
    noDataKey.setAlignment(Pos.CENTER_LEFT);
    // Labels keep their text; in a narrow map the legend wraps onto a second line instead.
    for (Label label : new Label[] {noData, legendMax, unknown}) {
      label.setMinWidth(Region.USE_PREF_SIZE);
    }
    legend = new FlowPane(6, 2, noDataKey, legendScale, unknown);
    legend.setAlignment(Pos.CENTER_LEFT);
    legend.getStyleClass().add("map-legend");
    noCountries.setId("map-no-countries");
    noCountries.getStyleClass().addAll("map-no-countries", "muted");
    noCountries.setWrapText(true);
    noCountries.setAlignment(Pos.CENTER);
    noCountries.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
    noCountries.setMaxWidth(460);
    noCountries.setVisible(false);
    getChildren().addAll(canvas, legend, noCountries);
    setMinSize(240, 140);
    paint(Theme.currentProperty().get());
    Theme.currentProperty().addListener(new WeakChangeListener<>(themeChanged));
  }

  /** Draws the countries, cities and legend in the colours of {@code theme}. */
  private void paint(Theme theme) {
    palette = theme.palette();
    gradient.setFill(
        new LinearGradient(
            0,
            0,
            1,
            0,
            true,
            CycleMethod.NO_CYCLE,
            new Stop(0, palette.mapLow()),
            new Stop(1, palette.mapHigh())));
    none.setFill(palette.mapNoData());
    paths.values().forEach(shapes -> shapes.forEach(path -> path.setStroke(palette.mapOutline())));
    cities.getChildren().forEach(dot -> ((Circle) dot).setStroke(palette.mapOutline()));
    shade();
  }

  /** The fill of a country now: for tests and screenshots. */
  public Color fillOf(String alpha2) {
    return (Color) Objects.requireNonNull(paths.get(alpha2)).getFirst().getFill();
  }

  /** Decodes the country shapes now rather than when the first map is made (any thread). */
  public static void preload() {
    // Calling any static method initializes the class, and with it SHAPES; nothing else to do.
  }

  /** Sets what is counted ("clicks", "views") for the hover label. */
  public void setUnit(String unit) {
    this.unit = unit;
  }

  /**
   * Shades countries by {@code countsByAlpha2} (ISO alpha-2 → count). Clicks of unknown country (an
   * empty or non-ISO key) belong to no shape, least of all to the areas that have no code.
   */
  public void setCounts(Map<String, Long> countsByAlpha2) {
    this.counts =
        countsByAlpha2.entrySet().stream()
            .filter(entry -> entry.getKey().length() == 2)
            .collect(
                java.util.stream.Collectors.toUnmodifiableMap(
                    Map.Entry::getKey, Map.Entry::getValue));
    long max = counts.values().stream().mapToLong(Long::longValue).max().orElse(0);
    long all = countsByAlpha2.values().stream().mapToLong(Long::longValue).sum();
    long known = counts.values().stream().mapToLong(Long::longValue).sum();
    boolean allUnknown = all > 0 && known == 0;
    noCountries.setVisible(allUnknown);
    canvas.setVisible(!allUnknown);
    legend.setVisible(!allUnknown);
    unknown.setText(
        all > known
            ? "· "
                + NumberFormat.getIntegerInstance(Locale.US).format(all - known)
                + " "
                + unit
                + " of unknown country"
            : "");
    legendMax.setText(NumberFormat.getIntegerInstance(Locale.US).format(Math.max(max, 1)));
    legendScale.setVisible(max > 0);
    legendScale.setManaged(max > 0);
    shade();
  }

  private void shade() {
    long max = counts.values().stream().mapToLong(Long::longValue).max().orElse(0);
    paths.forEach(
        (alpha2, shapes) -> {
          long count = counts.getOrDefault(alpha2, 0L);
          Color fill =
              count <= 0
                  ? palette.mapNoData()
                  : palette
                      .mapLow()
                      .interpolate(
                          palette.mapHigh(), max <= 1 ? 1 : Math.log(count) / Math.log(max));
          shapes.forEach(path -> path.setFill(fill));
        });
  }

  public void setCities(List<CityPoint> points) {
    cities.getChildren().clear();
    long max = points.stream().mapToLong(CityPoint::clicks).max().orElse(1);
    for (CityPoint point : points) {
      double radius = 0.6 + 1.6 * Math.sqrt(point.clicks() / (double) max);
      Circle dot = new Circle(x(point.longitude()), y(point.latitude()), radius);
      dot.setFill(Color.web("#f97316", 0.8));
      dot.setStroke(palette.mapOutline());
      dot.setStrokeWidth(0.2);
      cities.getChildren().add(dot);
    }
  }

  /**
   * Pulses where a visit lands: at its coordinates when it has them, else in the middle of its
   * country's largest area. The dot grows and fades out in a second and a half. Returns false, and
   * draws nothing, when neither place is known.
   */
  public boolean pulse(String alpha2, @Nullable Double latitude, @Nullable Double longitude) {
    double x;
    double y;
    if (latitude != null && longitude != null) {
      x = x(longitude);
      y = y(latitude);
    } else {
      List<Path> areas = paths.get(alpha2);
      if (areas == null) {
        return false;
      }
      Bounds largest =
          areas.stream()
              .map(Path::getBoundsInLocal)
              .max(Comparator.comparingDouble(b -> b.getWidth() * b.getHeight()))
              .orElseThrow();
      x = largest.getCenterX();
      y = largest.getCenterY();
    }
    Circle dot = new Circle(x, y, 1.4);
    dot.getStyleClass().add("map-pulse");
    dot.setFill(Color.web("#f97316", 0.9));
    dot.setStroke(Color.web("#f97316"));
    dot.setStrokeWidth(0.3);
    pulses.getChildren().add(dot);
    ScaleTransition grow = new ScaleTransition(Duration.millis(1500), dot);
    grow.setToX(4);
    grow.setToY(4);
    FadeTransition fade = new FadeTransition(Duration.millis(1500), dot);
    fade.setToValue(0);
    ParallelTransition both = new ParallelTransition(grow, fade);
    both.setOnFinished(event -> pulses.getChildren().remove(dot));
    both.play();
    return true;
  }

  /** The pulses drawn now; for tests and screenshots. */
  public int pulsesShown() {
    return pulses.getChildren().size();
  }

  /** The text the hover label shows for a country, e.g. "Germany · 1,234 clicks". */
  public String hoverText(String alpha2) {
    long count = counts.getOrDefault(alpha2, 0L);
    return names.getOrDefault(alpha2, alpha2)
        + " · "
        + NumberFormat.getIntegerInstance(Locale.US).format(count)
        + " "
        + unit;
  }

  /** Whether the map gives way to the note that no click has a known country. */
  public boolean showsNoCountries() {
    return noCountries.isVisible();
  }

  /** The note about the unknown countries of the legend ("· 12 clicks of unknown country"). */
  public String unknownText() {
    return unknown.getText();
  }

  /** The label currently shown on hover (empty when hidden); for tests and screenshots. */
  public Label hoverLabel() {
    return hover;
  }

  /** Shows the hover label for a country as if the pointer were over its largest area. */
  public void showHoverFor(String alpha2) {
    SHAPES.stream()
        .filter(shape -> shape.alpha2().equals(alpha2))
        .findFirst()
        .ifPresent(
            shape -> {
              showHover(shape);
              // Every shape has its paths, made with the map.
              Path path = Objects.requireNonNull(paths.get(alpha2)).getFirst();
              var bounds = path.getBoundsInParent();
              moveHover(
                  (bounds.getMinX() + bounds.getWidth() / 2) * scale.getX(),
                  (bounds.getMinY() + bounds.getHeight() / 2) * scale.getY());
            });
  }

  private void showHover(CountryShape shape) {
    hover.setText(hoverText(shape.alpha2()));
    hover.setVisible(true);
    hover.toFront();
  }

  private void moveHover(double x, double y) {
    hover.applyCss();
    hover.autosize();
    double labelX = Math.min(x + 12, canvas.getWidth() - hover.getWidth() - 4);
    double labelY = Math.max(4, y - hover.getHeight() - 8);
    hover.relocate(Math.max(4, labelX), labelY);
  }

  @Override
  protected void layoutChildren() {
    double width = getWidth() - snappedLeftInset() - snappedRightInset();
    double legendHeight = legend.prefHeight(Math.min(width, legendWidth(width)));
    double height = getHeight() - snappedTopInset() - snappedBottomInset() - legendHeight - 6;
    double factor = Math.max(0.1, Math.min(width / WIDTH, height / HEIGHT));
    scale.setX(factor);
    scale.setY(factor);
    double mapWidth = WIDTH * factor;
    double mapHeight = HEIGHT * factor;
    double left = snappedLeftInset() + (width - mapWidth) / 2;
    canvas.resizeRelocate(left, snappedTopInset(), mapWidth, mapHeight);
    legend.setPrefWrapLength(mapWidth);
    legend.resizeRelocate(left, snappedTopInset() + mapHeight + 6, mapWidth, legendHeight);
    double noteWidth = Math.min(width, noCountries.getMaxWidth());
    double noteHeight = Math.min(getHeight(), noCountries.prefHeight(noteWidth));
    noCountries.resizeRelocate(
        snappedLeftInset() + (width - noteWidth) / 2,
        Math.max(0, (getHeight() - noteHeight) / 2),
        noteWidth,
        noteHeight);
  }

  /** The width of the map for an available width, ignoring the legend's height (a first guess). */
  private double legendWidth(double width) {
    double height = getHeight() - snappedTopInset() - snappedBottomInset() - 40;
    return WIDTH * Math.max(0.1, Math.min(width / WIDTH, height / HEIGHT));
  }

  @Override
  protected double computePrefWidth(double height) {
    return 720;
  }

  @Override
  protected double computePrefHeight(double width) {
    return 320;
  }

  private static Path toPath(CountryShape shape) {
    Path path = new Path();
    path.setId("country-" + (shape.alpha2().isEmpty() ? shape.name() : shape.alpha2()));
    path.setFillRule(FillRule.EVEN_ODD);
    path.setStrokeWidth(0.25);
    for (double[] ring : shape.rings()) {
      addRing(path, ring, 0);
      double maxLongitude = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < ring.length; i += 2) {
        maxLongitude = Math.max(maxLongitude, ring[i]);
      }
      // Parts unwrapped past 180° are drawn again on the western edge.
      if (maxLongitude > 180) {
        addRing(path, ring, -360);
      }
    }
    return path;
  }

  private static void addRing(Path path, double[] ring, double shift) {
    path.getElements().add(new MoveTo(x(ring[0] + shift), y(ring[1])));
    for (int i = 2; i < ring.length; i += 2) {
      path.getElements().add(new LineTo(x(ring[i] + shift), y(ring[i + 1])));
    }
    path.getElements().add(new ClosePath());
  }

  private static double x(double longitude) {
    return longitude + 180;
  }

  private static double y(double latitude) {
    return NORTH - Math.max(SOUTH, Math.min(NORTH, latitude));
  }
}
