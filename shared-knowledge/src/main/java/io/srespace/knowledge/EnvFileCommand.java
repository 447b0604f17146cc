package io.srespace.knowledge;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code EnvFileCommand FILE KEY=VALUE...}: sets keys in a {@code KEY=value} file with the one
 * editor, for the launcher (which would otherwise edit configuration with sed).
 */
public final class EnvFileCommand {
  private EnvFileCommand() {}

  public static void main(String[] args) {
    if (args.length < 2) {
      System.err.println("usage: EnvFileCommand FILE KEY=VALUE...");
      System.exit(2);
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 1; i < args.length; i++) {
      int equals = args[i].indexOf('=');
      if (equals < 1) {
        System.err.printf("'%s' is not KEY=VALUE%n", args[i]);
        System.exit(2);
      }
      values.put(args[i].substring(0, equals), args[i].substring(equals + 1));
    }
    try {
      EnvFile.write(Path.of(args[0]), values);
    } catch (IOException | EnvFile.Invalid e) {
      System.err.printf("cannot set %s in %s: %s%n", values.keySet(), args[0], e.getMessage());
      System.exit(1);
    }
  }
}
