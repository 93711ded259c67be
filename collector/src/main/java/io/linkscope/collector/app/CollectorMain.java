package io.linkscope.collector.app;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import java.util.TimeZone;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The collector's command line: {@code serve} (the default) runs the server; {@code workspace} and
 * {@code key} manage workspaces and API keys. Every option can also come from the environment
 * ({@code --db-url} is {@code LINKSCOPE_DB_URL}) or a properties file given with {@code --config}
 * ({@code db-url=...}); the command line wins over the environment, which wins over the file.
 */
@Command(
    name = "linkscope-collector",
    mixinStandardHelpOptions = true,
    version = "Linkscope collector 0.1.0",
    description = "Self-hosted smart links with click analytics: the collector server.",
    subcommands = {
      ServeCommand.class,
      WorkspaceCommand.class,
      KeyCommand.class,
      RollupsCommand.class
    })
public final class CollectorMain implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    // Timestamps are exchanged with MariaDB as UTC wall-clock values.
    TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
    String[] effective = args.length == 0 ? new String[] {"serve"} : args;
    System.exit(commandLine().execute(effective));
  }

  /** The configured command line, also used by tests. */
  static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new CollectorMain());
    commandLine.setDefaultValueProvider(new EnvironmentAndFileDefaults());
    return commandLine;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }

  /**
   * Looks up an option's default in the environment, then in the {@code --config} file. Options map
   * to {@code LINKSCOPE_OPTION_NAME} and {@code option-name}.
   */
  static final class EnvironmentAndFileDefaults implements CommandLine.IDefaultValueProvider {
    private @Nullable Properties file;

    @Override
    public @Nullable String defaultValue(CommandLine.Model.ArgSpec argSpec) throws IOException {
      if (!(argSpec instanceof CommandLine.Model.OptionSpec option)) {
        return null;
      }
      String key = option.longestName().replaceFirst("^--", "");
      if (key.equals("config")) {
        return System.getenv("LINKSCOPE_CONFIG");
      }
      String env = System.getenv("LINKSCOPE_" + key.toUpperCase(Locale.ROOT).replace('-', '_'));
      if (env != null) {
        return env;
      }
      String fromFile = properties(option).getProperty(key);
      return fromFile != null ? fromFile : option.defaultValue();
    }

    private Properties properties(CommandLine.Model.OptionSpec option) throws IOException {
      Properties loaded = file;
      if (loaded != null) {
        return loaded;
      }
      loaded = new Properties();
      String path = configPath(option);
      if (path != null) {
        try (InputStream in = Files.newInputStream(Path.of(path))) {
          loaded.load(in);
        }
      }
      file = loaded;
      return loaded;
    }

    private static @Nullable String configPath(CommandLine.Model.OptionSpec option) {
      CommandLine.Model.CommandSpec command = option.command();
      CommandLine.Model.OptionSpec config = command == null ? null : command.findOption("--config");
      Object value = config == null ? null : config.getValue();
      if (value != null) {
        return value.toString();
      }
      return System.getenv("LINKSCOPE_CONFIG");
    }
  }
}
