package io.linkscope.collector.importing;

import io.linkscope.api.importing.ImportReport;
import io.linkscope.api.importing.ImportRow;
import io.linkscope.api.importing.ImportTotals;
import io.linkscope.api.link.LinkInput;
import io.linkscope.collector.http.HttpError;
import io.linkscope.collector.link.Link;
import io.linkscope.collector.link.LinkAddress;
import io.linkscope.collector.link.ManyLinks;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Decides what becomes of every row of a read file, and writes it unless it is a dry run: the dry
 * run and the import take the same decisions from the same reads, so the dry run's report is what
 * the import does. A row whose link is already there is {@code unchanged}, which makes re-running
 * an import harmless.
 */
final class Importer {
  /** Links written per transaction: a failure part-way keeps whole chunks, and a re-run skips. */
  private static final int CHUNK = 1_000;

  /** What a slug that is already taken gets. */
  enum Policy {
    SKIP,
    RENAME,
    OVERWRITE;

    static Policy parse(String name) {
      for (Policy policy : values()) {
        if (policy.name().equalsIgnoreCase(name.strip())) {
          return policy;
        }
      }
      throw HttpError.invalidParameter("policy", "must be skip, rename or overwrite.");
    }
  }

  /**
   * @param domain the domain every link goes to ("" for the default one), or null to keep each
   *     row's
   */
  record Options(Policy policy, boolean dryRun, @Nullable String domain) {}

  private final ManyLinks links;

  Importer(ManyLinks links) {
    this.links = links;
  }

  /** The decision about one row, and the link it writes. */
  private static final class Plan {
    final SourceRow row;
    String status = ImportRow.INVALID;
    @Nullable Link draft;
    @Nullable Link existing;
    @Nullable String reason;
    @Nullable Long linkId;

    Plan(SourceRow row) {
      this.row = row;
    }

    void decide(String newStatus, @Nullable String why) {
      status = newStatus;
      reason = why;
    }
  }

  ImportReport run(long workspaceId, SourceFile file, Options options) throws SQLException {
    List<Plan> plans = new ArrayList<>(file.rows().size());
    for (SourceRow row : file.rows()) {
      Plan plan = new Plan(row);
      plans.add(plan);
      if (row.problem() != null) {
        plan.reason = row.problem();
        continue;
      }
      LinkInput input = row.input();
      if (options.domain() != null) {
        input = input.withDomain(options.domain());
      }
      try {
        plan.draft = links.draft(workspaceId, input, row.created(), row.clicks());
      } catch (HttpError e) {
        plan.reason = e.getMessage();
      }
    }
    refuseForeignDomains(workspaceId, plans);
    refuseRepeats(plans);
    decide(workspaceId, plans, options.policy());
    if (!options.dryRun()) {
      write(workspaceId, plans);
    }
    return report(file.format(), options, plans);
  }

  private void refuseForeignDomains(long workspaceId, List<Plan> plans) throws SQLException {
    Set<String> hosts = new HashSet<>();
    for (Plan plan : plans) {
      if (plan.draft != null && !plan.draft.domain().isEmpty()) {
        hosts.add(plan.draft.domain());
      }
    }
    Map<String, Long> owners = links.domainOwners(hosts);
    for (Plan plan : plans) {
      if (plan.draft != null) {
        Long owner = owners.get(plan.draft.domain());
        if (owner != null && owner != workspaceId) {
          plan.reason = "the domain '" + plan.draft.domain() + "' belongs to another workspace";
          plan.draft = null;
        }
      }
    }
  }

  /** A second row for the same address is refused: which of them would win is not clear. */
  private static void refuseRepeats(List<Plan> plans) {
    Map<LinkAddress, Integer> first = new HashMap<>();
    for (Plan plan : plans) {
      if (plan.draft != null && !plan.draft.slug().isEmpty()) {
        Integer line = first.putIfAbsent(LinkAddress.of(plan.draft), plan.row.line());
        if (line != null) {
          plan.reason = "the slug '" + plan.draft.slug() + "' is also on line " + line;
          plan.draft = null;
        }
      }
    }
  }

  private void decide(long workspaceId, List<Plan> plans, Policy policy) throws SQLException {
    List<LinkAddress> addresses = new ArrayList<>();
    Map<String, Set<String>> targetsWithoutSlug = new LinkedHashMap<>();
    for (Plan plan : plans) {
      Link draft = plan.draft;
      if (draft == null) {
        continue;
      }
      if (draft.slug().isEmpty()) {
        targetsWithoutSlug
            .computeIfAbsent(draft.domain(), d -> new LinkedHashSet<>())
            .add(draft.targetUrl());
      } else {
        addresses.add(LinkAddress.of(draft));
      }
    }
    Map<LinkAddress, Link> live = links.live(addresses);
    Map<LinkAddress, Link> byTarget = new HashMap<>();
    for (Map.Entry<String, Set<String>> domain : targetsWithoutSlug.entrySet()) {
      for (Link link : links.liveByTarget(workspaceId, domain.getKey(), domain.getValue())) {
        byTarget.putIfAbsent(new LinkAddress(link.domain(), link.targetUrl()), link);
      }
    }
    // Addresses this import takes, so that a renamed link does not take one of them.
    Set<LinkAddress> taken = new HashSet<>(addresses);
    Map<LinkAddress, Link> sameTargetAsNew = new HashMap<>();
    for (Plan plan : plans) {
      Link draft = plan.draft;
      if (draft == null) {
        continue;
      }
      if (draft.slug().isEmpty()) {
        LinkAddress target = new LinkAddress(draft.domain(), draft.targetUrl());
        Link existing = byTarget.get(target);
        if (existing == null) {
          existing = sameTargetAsNew.get(target);
        }
        if (existing == null) {
          plan.decide(ImportRow.CREATED, null);
          // Two rows without a slug for one target make one link.
          sameTargetAsNew.put(target, draft);
        } else {
          same(plan, existing, policy);
        }
        continue;
      }
      Link existing = live.get(LinkAddress.of(draft));
      if (existing == null) {
        plan.decide(ImportRow.CREATED, null);
      } else if (existing.workspaceId() == workspaceId
          && existing.targetUrl().equals(draft.targetUrl())) {
        same(plan, existing, policy);
      } else {
        conflict(workspaceId, plan, existing, policy, taken);
      }
    }
  }

  /** The link is already here with this target: unchanged, or updated where the file differs. */
  private static void same(Plan plan, Link existing, Policy policy) {
    Link draft = Objects.requireNonNull(plan.draft);
    plan.existing = existing;
    plan.linkId = existing.id() == 0 ? null : existing.id();
    if (existing.id() == 0) {
      plan.decide(ImportRow.UNCHANGED, "the same link is on an earlier line");
      plan.draft = null;
    } else if (policy == Policy.OVERWRITE && differs(existing, draft)) {
      plan.decide(ImportRow.UPDATED, null);
    } else {
      plan.decide(ImportRow.UNCHANGED, null);
    }
  }

  private void conflict(
      long workspaceId, Plan plan, Link existing, Policy policy, Set<LinkAddress> taken)
      throws SQLException {
    Link draft = Objects.requireNonNull(plan.draft);
    boolean ours = existing.workspaceId() == workspaceId;
    String slug = draft.slug();
    switch (policy) {
      case SKIP ->
          plan.decide(
              ImportRow.CONFLICT,
              ours
                  ? "the slug '" + slug + "' already sends to " + existing.targetUrl()
                  : "the slug '" + slug + "' is taken on this domain");
      case OVERWRITE -> {
        if (ours) {
          plan.existing = existing;
          plan.linkId = existing.id();
          plan.decide(ImportRow.UPDATED, null);
        } else {
          plan.decide(
              ImportRow.CONFLICT,
              "the slug '"
                  + slug
                  + "' is taken on this domain by another workspace; import with"
                  + " policy rename");
        }
      }
      case RENAME -> rename(workspaceId, plan, taken);
    }
  }

  /**
   * Gives the link the first free slug of {@code slug-2}, {@code slug-3}, ...; a link of the
   * workspace with this target under such a slug is this row imported before (unchanged).
   */
  private void rename(long workspaceId, Plan plan, Set<LinkAddress> taken) throws SQLException {
    Link draft = Objects.requireNonNull(plan.draft);
    Set<String> used = new HashSet<>();
    for (Link link : links.suffixed(draft.domain(), draft.slug())) {
      if (link.workspaceId() == workspaceId && link.targetUrl().equals(draft.targetUrl())) {
        plan.existing = link;
        plan.linkId = link.id();
        plan.decide(ImportRow.UNCHANGED, "imported before as '" + link.slug() + "'");
        plan.draft = ManyLinks.renamed(draft, link.slug());
        return;
      }
      used.add(link.slug().toLowerCase(Locale.ROOT));
    }
    for (int n = 2; ; n++) {
      String candidate = draft.slug() + "-" + n;
      if (candidate.length() > 64) {
        plan.decide(ImportRow.CONFLICT, "no free slug of 64 characters is left for a rename");
        return;
      }
      LinkAddress address = new LinkAddress(draft.domain(), candidate);
      if (!used.contains(candidate.toLowerCase(Locale.ROOT)) && taken.add(address)) {
        plan.draft = ManyLinks.renamed(draft, candidate);
        plan.decide(ImportRow.RENAMED, "the slug '" + draft.slug() + "' is taken");
        return;
      }
    }
  }

  /** Whether writing the imported fields over the existing link would change it. */
  private static boolean differs(Link existing, Link imported) {
    Link overwritten = ManyLinks.overwritten(existing, imported);
    return !overwritten.targetUrl().equals(existing.targetUrl())
        || !overwritten.title().equals(existing.title())
        || !overwritten.notes().equals(existing.notes())
        || !Set.copyOf(overwritten.tags()).equals(Set.copyOf(existing.tags()))
        || !Objects.equals(overwritten.validUntil(), existing.validUntil())
        || overwritten.importedClicks() != existing.importedClicks();
  }

  private void write(long workspaceId, List<Plan> plans) throws SQLException {
    List<Plan> creates = new ArrayList<>();
    List<Plan> updates = new ArrayList<>();
    for (Plan plan : plans) {
      if (plan.status.equals(ImportRow.CREATED) || plan.status.equals(ImportRow.RENAMED)) {
        creates.add(plan);
      } else if (plan.status.equals(ImportRow.UPDATED)) {
        updates.add(plan);
      }
    }
    for (int from = 0; from < Math.max(creates.size(), updates.size()); from += CHUNK) {
      List<Plan> createChunk = creates.subList(from, Math.min(creates.size(), from + CHUNK));
      List<Plan> updateChunk =
          updates.subList(Math.min(updates.size(), from), Math.min(updates.size(), from + CHUNK));
      List<ManyLinks.Created> created =
          links.write(
              workspaceId,
              createChunk.stream().map(plan -> Objects.requireNonNull(plan.draft)).toList(),
              updateChunk.stream()
                  .map(
                      plan ->
                          ManyLinks.overwritten(
                              Objects.requireNonNull(plan.existing),
                              Objects.requireNonNull(plan.draft)))
                  .toList());
      for (int i = 0; i < created.size(); i++) {
        Plan plan = createChunk.get(i);
        plan.linkId = created.get(i).id();
        plan.draft =
            ManyLinks.renamed(Objects.requireNonNull(plan.draft), created.get(i).address().slug());
      }
    }
  }

  private static ImportReport report(ImportFormat format, Options options, List<Plan> plans) {
    List<ImportRow> rows = new ArrayList<>(plans.size());
    Map<String, Integer> counts = new HashMap<>();
    for (Plan plan : plans) {
      counts.merge(plan.status, 1, Integer::sum);
      Link shown = plan.draft != null ? plan.draft : plan.existing;
      LinkInput read = plan.row.input();
      String slug = shown != null ? shown.slug() : read.slug();
      rows.add(
          new ImportRow(
              plan.row.line(),
              plan.status,
              slug == null || slug.isEmpty() ? null : slug,
              shown != null ? shown.domain() : read.domain(),
              shown != null ? shown.targetUrl() : read.targetUrl(),
              plan.status.equals(ImportRow.INVALID) || plan.status.equals(ImportRow.CONFLICT)
                  ? null
                  : plan.linkId,
              plan.reason));
    }
    ImportTotals totals =
        new ImportTotals(
            plans.size(),
            counts.getOrDefault(ImportRow.CREATED, 0),
            counts.getOrDefault(ImportRow.UPDATED, 0),
            counts.getOrDefault(ImportRow.RENAMED, 0),
            counts.getOrDefault(ImportRow.UNCHANGED, 0),
            counts.getOrDefault(ImportRow.CONFLICT, 0),
            counts.getOrDefault(ImportRow.INVALID, 0));
    return new ImportReport(
        format.wireName(),
        options.policy().name().toLowerCase(Locale.ROOT),
        options.dryRun(),
        totals,
        rows);
  }
}
