package io.linkscope.collector.app;

import io.linkscope.api.workspace.WorkspaceView;
import io.linkscope.collector.auth.ApiKeys;
import io.linkscope.collector.auth.Role;
import io.linkscope.collector.workspace.Workspaces;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code workspace create|list}: one workspace per agency client. */
@Command(
    name = "workspace",
    mixinStandardHelpOptions = true,
    description = "Create and list workspaces.",
    subcommands = {WorkspaceCommand.Create.class, WorkspaceCommand.ListAll.class})
final class WorkspaceCommand {

  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = "Create a workspace and its first admin key.")
  static final class Create implements Callable<Integer> {
    @Mixin DatabaseOptions database;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--slug", required = true, description = "Short identifier, e.g. acme.")
    String slug;

    @Option(names = "--name", required = true, description = "Display name, e.g. \"Acme Inc.\".")
    String name;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      try (DatabaseOptions.Opened opened = database.open()) {
        Workspaces workspaces = new Workspaces(opened.database().dataSource(), Clock.systemUTC());
        WorkspaceView workspace;
        try {
          workspace = workspaces.create(slug, name);
        } catch (IllegalArgumentException e) {
          spec.commandLine().getErr().println(e.getMessage());
          return 2;
        }
        ApiKeys.Created key =
            new ApiKeys(opened.database().dataSource(), Clock.systemUTC())
                .create(workspace.id(), "initial admin key", Role.ADMIN);
        out.println("Workspace " + workspace.slug() + " (id " + workspace.id() + ") created.");
        out.println("Admin API key (shown only this once): " + key.secret());
        return 0;
      }
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List workspaces.")
  static final class ListAll implements Callable<Integer> {
    @Mixin DatabaseOptions database;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      try (DatabaseOptions.Opened opened = database.open()) {
        for (WorkspaceView w :
            new Workspaces(opened.database().dataSource(), Clock.systemUTC()).list()) {
          spec.commandLine().getOut().println(w.id() + "\t" + w.slug() + "\t" + w.name());
        }
        return 0;
      }
    }
  }
}
