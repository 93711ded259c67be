package io.linkscope.desktop.links;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.linkscope.api.link.LinkView;
import io.linkscope.desktop.ui.Formats;
import io.linkscope.desktop.ui.Notifier;
import io.linkscope.desktop.workspace.Workspace;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import org.jspecify.annotations.Nullable;

/**
 * The link table: every synced link, filtered by search text, tag and a click range, plus the
 * actions on selected links (copy, delete, bulk tag, edit, QR export). Reads come from the local
 * store; changes are offered only while the collector can be reached, and their outcome is told
 * through the {@link Notifier}.
 */
public final class LinksViewModel {
  /** The tag filter's entry that means "any tag". */
  public static final String ANY_TAG = "All tags";

  private final Workspace session;
  private final Notifier notifier;
  private final StringBinding offlineReason;
  private final ObservableList<LinkView> all = FXCollections.observableArrayList();
  private final FilteredList<LinkView> shown = new FilteredList<>(all);
  private final ObservableList<String> tags = FXCollections.observableArrayList(ANY_TAG);
  private final StringProperty search = new SimpleStringProperty(this, "search", "");
  private final StringProperty tag = new SimpleStringProperty(this, "tag", ANY_TAG);
  private final StringProperty minClicks = new SimpleStringProperty(this, "minClicks", "");
  private final StringProperty maxClicks = new SimpleStringProperty(this, "maxClicks", "");
  private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");

  public LinksViewModel(Workspace session, Notifier notifier) {
    this.session = session;
    this.notifier = notifier;
    this.offlineReason =
        Bindings.createStringBinding(
            () ->
                session.writableProperty().get() ? "" : session.writeBlockedReasonProperty().get(),
            session.writableProperty(),
            session.writeBlockedReasonProperty());
    search.addListener((o, a, b) -> refilter());
    tag.addListener((o, a, b) -> refilter());
    minClicks.addListener((o, a, b) -> refilter());
    maxClicks.addListener((o, a, b) -> refilter());
    session.dataVersionProperty().addListener((o, a, b) -> reload());
  }

  public ObservableList<LinkView> links() {
    return shown;
  }

  public ObservableList<String> tags() {
    return tags;
  }

  public StringProperty searchProperty() {
    return search;
  }

  public StringProperty tagProperty() {
    return tag;
  }

  public StringProperty minClicksProperty() {
    return minClicks;
  }

  public StringProperty maxClicksProperty() {
    return maxClicks;
  }

  /** Whether links can be created, changed and deleted: only while the collector answers. */
  public ReadOnlyBooleanProperty canChangeProperty() {
    return session.writableProperty();
  }

  /** Why changes are disabled; empty while online. */
  public StringBinding offlineReasonProperty() {
    return offlineReason;
  }

  /** "12 of 340 links". */
  public ReadOnlyStringProperty summaryProperty() {
    return summary.getReadOnlyProperty();
  }

  public Workspace session() {
    return session;
  }

  /** The form for a new link ({@code link} null) or for changing {@code link}. */
  public LinkEditorViewModel editor(ZoneId zone, @Nullable LinkView link) {
    return new LinkEditorViewModel(session, notifier, zone, link);
  }

  /** The QR code export of a link from the table (every link there is saved). */
  public QrExportViewModel qrExport(LinkView link) {
    return new QrExportViewModel(link, session.background(), notifier);
  }

  /** The import wizard; the links it imports appear in this table. */
  public io.linkscope.desktop.importing.ImportViewModel importer() {
    return new io.linkscope.desktop.importing.ImportViewModel(session, notifier);
  }

  /** Confirms that {@code link}'s short URL was put on the clipboard. */
  public void copied(LinkView link) {
    notifier.info("Copied " + link.shortUrl());
  }

  /** Tells why a change was not even tried; true when changes are possible. */
  public boolean checkCanChange(String action) {
    if (session.writableProperty().get()) {
      return true;
    }
    notifier.error(action, session.writeBlockedReasonProperty().get());
    return false;
  }

  public void reload() {
    session
        .background()
        .run(
            "Links",
            () -> session.store().links(),
            links -> {
              all.setAll(links);
              TreeSet<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
              links.forEach(link -> names.addAll(link.tags()));
              String chosen = tag.get();
              List<String> options = new ArrayList<>();
              options.add(ANY_TAG);
              options.addAll(names);
              tags.setAll(options);
              tag.set(options.contains(chosen) ? chosen : ANY_TAG);
              refilter();
            },
            failure ->
                notifier.error(
                    "Cannot show the links",
                    "The local copy could not be read: "
                        + failure.getMessage()
                        + ". Sync again with F5; if it keeps failing, remove and re-add the"
                        + " connection."));
  }

  private void refilter() {
    String text = search.get() == null ? "" : search.get().strip().toLowerCase(Locale.ROOT);
    String wanted = tag.get();
    long min = parseOr(minClicks.get(), Long.MIN_VALUE);
    long max = parseOr(maxClicks.get(), Long.MAX_VALUE);
    shown.setPredicate(
        link ->
            (text.isEmpty() || matches(link, text))
                && (wanted == null || wanted.equals(ANY_TAG) || link.tags().contains(wanted))
                && link.totalClicks() >= min
                && link.totalClicks() <= max);
    summary.set("%,d of %,d links".formatted(shown.size(), all.size()));
  }

  private static boolean matches(LinkView link, String text) {
    return contains(link.slug(), text)
        || contains(link.title(), text)
        || contains(link.targetUrl(), text)
        || link.tags().stream().anyMatch(t -> contains(t, text));
  }

  private static boolean contains(String value, String text) {
    return value != null && value.toLowerCase(Locale.ROOT).contains(text);
  }

  private static long parseOr(String text, long fallback) {
    if (text == null || text.isBlank()) {
      return fallback;
    }
    try {
      return Long.parseLong(text.strip().replace(",", ""));
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  /** What a delete removes: the links, their raw clicks and own statistics, or both. */
  public enum Deletion {
    /** The links go; their clicks and statistics stay (the workspace's numbers keep them). */
    LINKS,
    /** The links and their raw clicks and own statistics. */
    LINKS_AND_CLICKS,
    /** Only the links' raw clicks and own statistics; the links stay and count from zero. */
    CLICKS
  }

  /** Deletes the links on the collector and then locally, keeping their clicks. */
  public void delete(Collection<LinkView> links) {
    delete(links, Deletion.LINKS);
  }

  /**
   * Deletes the links, their clicks, or both on the collector and then in the local copy; refused
   * while offline.
   */
  public void delete(Collection<LinkView> links, Deletion what) {
    List<LinkView> chosen = List.copyOf(links);
    List<Long> ids = chosen.stream().map(LinkView::id).toList();
    session.change(
        what == Deletion.CLICKS ? "Delete clicks" : "Delete links",
        () -> {
          long clicks = 0;
          List<LinkView> kept = new ArrayList<>();
          for (LinkView link : chosen) {
            if (what != Deletion.CLICKS) {
              session.client().deleteLink(link.id());
            }
            if (what != Deletion.LINKS) {
              clicks += session.client().deleteLinkClicks(link.id()).rows();
            }
            if (what == Deletion.CLICKS) {
              kept.add(session.client().link(link.id()));
            }
          }
          session.store().upsertLinks(kept, what == Deletion.CLICKS ? List.of() : ids);
          if (what != Deletion.LINKS) {
            session.store().deleteLinkStatistics(ids);
          }
          return clicks;
        },
        clicks -> notifier.info(deleted(chosen.size(), what, clicks)),
        problem ->
            notifier.error(
                what == Deletion.CLICKS
                    ? "Cannot delete the clicks"
                    : chosen.size() == 1 ? "Cannot delete the link" : "Cannot delete the links",
                problem));
  }

  private static String deleted(int links, Deletion what, long clicks) {
    String linkCount = links == 1 ? "1 link" : links + " links";
    return switch (what) {
      case LINKS -> "Deleted " + linkCount;
      case LINKS_AND_CLICKS ->
          "Deleted " + linkCount + " and " + Formats.count(clicks, "raw clicks");
      case CLICKS ->
          "Deleted "
              + Formats.count(clicks, "raw clicks")
              + " of "
              + linkCount
              + "; kept the "
              + (links == 1 ? "link" : "links");
    };
  }

  /** Adds {@code newTag} to every chosen link. */
  public void addTag(Collection<LinkView> links, String newTag) {
    String cleaned = newTag == null ? "" : newTag.strip();
    if (cleaned.isEmpty()) {
      notifier.error("Cannot add the tag", "Enter a tag to add.");
      return;
    }
    List<LinkView> chosen = List.copyOf(links);
    session.change(
        "Tag links",
        () -> {
          List<LinkView> updated = new ArrayList<>();
          for (LinkView link : chosen) {
            if (link.tags().contains(cleaned)) {
              continue;
            }
            JsonArray tagsJson = new JsonArray();
            link.tags().forEach(tagsJson::add);
            tagsJson.add(cleaned);
            JsonObject patch = new JsonObject();
            patch.add("tags", tagsJson);
            updated.add(session.client().updateLink(link.id(), patch));
          }
          session.store().upsertLinks(updated, List.of());
          return updated.size();
        },
        count ->
            notifier.info(
                (count == 1 ? "Tagged 1 link" : "Tagged " + count + " links")
                    + " with '"
                    + cleaned
                    + "'"),
        problem -> notifier.error("Cannot add the tag", problem));
  }
}
