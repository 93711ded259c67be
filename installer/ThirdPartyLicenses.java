import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Gathers the licences of the jars a package ships: copies each jar's own licence and notice files
 * to {@code <out>/<jar name>/} and lists every jar with the licence its Maven POM (or the nearest
 * parent POM that names one) declares in {@code <out>/THIRD-PARTY.txt}. Run by {@code
 * installer/build} with the source launcher: {@code java ThirdPartyLicenses.java LIB_DIR OUT_DIR
 * MAVEN_REPOSITORY}. Fails when a jar's licence cannot be found, so that none ships unnamed.
 */
public final class ThirdPartyLicenses {

  private ThirdPartyLicenses() {}

  public static void main(String[] args) throws Exception {
    Path lib = Path.of(args[0]);
    Path out = Path.of(args[1]);
    Path repository = Path.of(args[2]);
    Files.createDirectories(out);
    List<Path> jars;
    try (Stream<Path> files = Files.list(lib)) {
      jars = files.filter(f -> f.toString().endsWith(".jar")).sorted().toList();
    }
    StringBuilder listing =
        new StringBuilder(
            "Third-party components shipped in lib/, with the licences their Maven POMs declare.\n"
                + "Licence and notice files found in a jar are copied to the directory of its"
                + " name.\n\n");
    List<String> unknown = new ArrayList<>();
    for (Path jar : jars) {
      String name = jar.getFileName().toString().replaceFirst("\\.jar$", "");
      Optional<Coordinates> coordinates = coordinates(jar);
      if (coordinates.isEmpty()) {
        coordinates = inRepository(repository, name);
      }
      if (coordinates.isPresent() && coordinates.get().group.equals(OWN_GROUP)) {
        continue;
      }
      Set<String> licences = new LinkedHashSet<>();
      if (coordinates.isPresent()) {
        licences.addAll(licences(repository, coordinates.get(), 0));
      }
      int copied = copyLicenceFiles(jar, out.resolve(name));
      if (licences.isEmpty() && copied == 0) {
        unknown.add(name);
      }
      listing
          .append(name)
          .append(coordinates.map(c -> " (" + c.group + ":" + c.artifact + ")").orElse(""))
          .append('\n');
      for (String licence : licences) {
        listing.append("    ").append(licence).append('\n');
      }
      if (licences.isEmpty()) {
        listing.append("    see ").append(name).append("/\n");
      }
    }
    Files.writeString(out.resolve("THIRD-PARTY.txt"), listing);
    if (!unknown.isEmpty()) {
      System.err.println("No licence found for: " + String.join(", ", unknown));
      System.exit(1);
    }
  }

  /** Linkscope's own jars: their licence is the distribution's. */
  private static final String OWN_GROUP = "io.linkscope";

  private static Map<String, Path> pomsByName;

  record Coordinates(String group, String artifact, String version) {}

  /**
   * The coordinates of a jar without {@code pom.properties} (built by Gradle), from where the
   * repository keeps a POM of the same file name.
   */
  private static Optional<Coordinates> inRepository(Path repository, String name)
      throws IOException {
    if (pomsByName == null) {
      try (Stream<Path> files = Files.walk(repository)) {
        pomsByName =
            files
                .filter(f -> f.toString().endsWith(".pom"))
                .collect(Collectors.toMap(f -> f.getFileName().toString(), f -> f, (a, b) -> a));
      }
    }
    Path pom = pomsByName.get(name + ".pom");
    if (pom == null) {
      return Optional.empty();
    }
    Path versionDir = pom.getParent();
    Path artifactDir = versionDir.getParent();
    String group = repository.relativize(artifactDir.getParent()).toString().replace('/', '.');
    return Optional.of(
        new Coordinates(
            group, artifactDir.getFileName().toString(), versionDir.getFileName().toString()));
  }

  /** The Maven coordinates from the jar's own {@code pom.properties}, if it has one. */
  private static Optional<Coordinates> coordinates(Path jar) throws IOException {
    try (JarFile file = new JarFile(jar.toFile())) {
      var entries = file.stream().filter(e -> e.getName().endsWith("/pom.properties")).toList();
      String base = jar.getFileName().toString();
      for (var entry : entries) {
        Properties properties = new Properties();
        try (InputStream in = file.getInputStream(entry)) {
          properties.load(in);
        }
        String artifact = properties.getProperty("artifactId");
        // A shaded jar holds the pom.properties of what it embeds: take its own.
        if (artifact != null && base.startsWith(artifact + "-")) {
          return Optional.of(
              new Coordinates(
                  properties.getProperty("groupId"), artifact, properties.getProperty("version")));
        }
      }
    }
    return Optional.empty();
  }

  /** The licences the POM names, else those of its parent, up to a few levels. */
  private static Set<String> licences(Path repository, Coordinates c, int depth) throws Exception {
    Path pom =
        repository
            .resolve(c.group.replace('.', '/'))
            .resolve(c.artifact)
            .resolve(c.version)
            .resolve(c.artifact + "-" + c.version + ".pom");
    Set<String> found = new LinkedHashSet<>();
    if (!Files.isRegularFile(pom) || depth > 6) {
      return found;
    }
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setExpandEntityReferences(false);
    Document document = factory.newDocumentBuilder().parse(pom.toFile());
    Element project = document.getDocumentElement();
    Element licenses = child(project, "licenses");
    if (licenses != null) {
      for (Node n = licenses.getFirstChild(); n != null; n = n.getNextSibling()) {
        if (n instanceof Element licence && licence.getTagName().equals("license")) {
          String name = text(licence, "name");
          String url = text(licence, "url");
          found.add((name.isEmpty() ? "licence" : name) + (url.isEmpty() ? "" : " <" + url + ">"));
        }
      }
    }
    Element parent = child(project, "parent");
    if (found.isEmpty() && parent != null) {
      found.addAll(
          licences(
              repository,
              new Coordinates(
                  text(parent, "groupId"), text(parent, "artifactId"), text(parent, "version")),
              depth + 1));
    }
    return found;
  }

  /** Copies META-INF's licence and notice files; returns how many. */
  private static int copyLicenceFiles(Path jar, Path to) throws IOException {
    int copied = 0;
    try (JarFile file = new JarFile(jar.toFile())) {
      for (var entry : file.stream().toList()) {
        String path = entry.getName();
        String lower = path.toLowerCase(Locale.ROOT);
        if (entry.isDirectory() || !lower.startsWith("meta-inf/")) {
          continue;
        }
        String leaf = lower.substring(lower.lastIndexOf('/') + 1);
        if (leaf.startsWith("license") || leaf.startsWith("notice") || leaf.startsWith("licence")) {
          Path target = to.resolve(path.substring("META-INF/".length()));
          Files.createDirectories(target.getParent());
          try (InputStream in = file.getInputStream(entry)) {
            Files.copy(in, target);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          copied++;
        }
      }
    }
    return copied;
  }

  private static Element child(Element parent, String tag) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(tag)) {
        return e;
      }
    }
    return null;
  }

  private static String text(Element parent, String tag) {
    Element e = child(parent, tag);
    return e == null ? "" : e.getTextContent().trim();
  }
}
