package io.linkscope.collector.app;

import io.linkscope.collector.ingest.RollupRebuild;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code rollups rebuild}: recompute unique flags and analytics rollups from the raw clicks. */
@Command(
    name = "rollups",
    mixinStandardHelpOptions = true,
    description = "Maintain the analytics rollups.",
    subcommands = {RollupsCommand.Rebuild.class})
final class RollupsCommand {

  @Command(
      name = "rebuild",
      mixinStandardHelpOptions = true,
      description =
          "Recompute unique flags and all rollups from the raw clicks. Stop the collector first;"
              + " desktop apps resynchronise from scratch afterwards. Once raw clicks were purged"
              + " (retention, a link's clicks deleted), only the UTC months after the latest"
              + " purge are rebuilt. Exits with 3, changing nothing, when the database has no"
              + " clicks (to rebuild from).")
  static final class Rebuild implements Callable<Integer> {
    /** The exit code when the database has no clicks: nothing was rebuilt. */
    static final int NO_CLICKS = 3;

    @Mixin DatabaseOptions database;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      try (DatabaseOptions.Opened opened = database.open()) {
        long[] reported = {0};
        RollupRebuild rebuild = new RollupRebuild(opened.database().dataSource());
        var retainedFrom = rebuild.retainedFrom();
        if (retainedFrom.isPresent()) {
          out.println(
              "Raw clicks were purged: rollups before "
                  + retainedFrom.get()
                  + " are kept as they are, later ones rebuilt.");
          out.flush();
        }
        long total =
            rebuild.run(
                done -> {
                  if (done - reported[0] >= 1_000_000) {
                    reported[0] = done;
                    out.println(done + " clicks rolled up");
                    out.flush();
                  }
                });
        if (total == 0) {
          spec.commandLine()
              .getErr()
              .println(
                  "No clicks to rebuild the rollups from in "
                      + database.describe()
                      + ": nothing was changed. Is this the collector's database?");
          return NO_CLICKS;
        }
        out.println("Rollups rebuilt from " + total + " clicks.");
        return 0;
      }
    }
  }
}
