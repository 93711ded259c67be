package io.linkscope.collector.app;

import io.linkscope.api.workspace.WorkspaceView;
import io.linkscope.collector.auth.ApiKeys;
import io.linkscope.collector.auth.Role;
import io.linkscope.collector.workspace.Workspaces;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code key create|revoke}: API keys of a workspace. */
@Command(
    name = "key",
    mixinStandardHelpOptions = true,
    description = "Create and revoke API keys.",
    subcommands = {KeyCommand.Create.class, KeyCommand.Revoke.class})
final class KeyCommand {

  @Command(name = "create", mixinStandardHelpOptions = true, description = "Create an API key.")
  static final class Create implements Callable<Integer> {
    @Mixin DatabaseOptions database;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--workspace", required = true, description = "Workspace slug.")
    String workspace;

    @Option(
        names = "--role",
        defaultValue = "editor",
        description = "admin, editor or viewer. Default: ${DEFAULT-VALUE}.")
    String role;

    @Option(names = "--name", defaultValue = "cli key", description = "What the key is for.")
    String name;

    @Option(
        names = "--expires-at",
        description =
            "When the key stops working, an ISO-8601 instant such as 2026-12-31T23:59:59Z."
                + " Default: never.")
    @Nullable String expiresAt;

    @Override
    public Integer call() throws Exception {
      Optional<Role> parsed = Role.parse(role);
      if (parsed.isEmpty()) {
        spec.commandLine().getErr().println("--role must be admin, editor or viewer.");
        return 2;
      }
      @Nullable Instant expiry = null;
      if (expiresAt != null) {
        try {
          expiry = Instant.parse(expiresAt.strip());
        } catch (DateTimeParseException e) {
          expiry = null;
        }
        if (expiry == null || !expiry.isAfter(Clock.systemUTC().instant())) {
          spec.commandLine()
              .getErr()
              .println("--expires-at must be a future instant such as 2026-12-31T23:59:59Z.");
          return 2;
        }
      }
      try (DatabaseOptions.Opened opened = database.open()) {
        Optional<WorkspaceView> found =
            new Workspaces(opened.database().dataSource(), Clock.systemUTC()).findBySlug(workspace);
        if (found.isEmpty()) {
          spec.commandLine().getErr().println("No workspace '" + workspace + "'.");
          return 2;
        }
        ApiKeys.Created key =
            new ApiKeys(opened.database().dataSource(), Clock.systemUTC())
                .create(found.get().id(), name, parsed.get(), expiry);
        spec.commandLine()
            .getOut()
            .println(
                "Key "
                    + key.view().id()
                    + " ("
                    + role
                    + (expiry == null ? "" : ", expires " + expiry)
                    + ", shown only this once): "
                    + key.secret());
        return 0;
      }
    }
  }

  @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke an API key.")
  static final class Revoke implements Callable<Integer> {
    @Mixin DatabaseOptions database;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--workspace", required = true, description = "Workspace slug.")
    String workspace;

    @Option(names = "--id", required = true, description = "Key id (see GET /api/v1/keys).")
    long id;

    @Override
    public Integer call() throws Exception {
      try (DatabaseOptions.Opened opened = database.open()) {
        Optional<WorkspaceView> found =
            new Workspaces(opened.database().dataSource(), Clock.systemUTC()).findBySlug(workspace);
        if (found.isEmpty()
            || !new ApiKeys(opened.database().dataSource(), Clock.systemUTC())
                .revoke(found.get().id(), id)) {
          spec.commandLine().getErr().println("No live key " + id + " in '" + workspace + "'.");
          return 2;
        }
        spec.commandLine().getOut().println("Key " + id + " revoked.");
        return 0;
      }
    }
  }
}
