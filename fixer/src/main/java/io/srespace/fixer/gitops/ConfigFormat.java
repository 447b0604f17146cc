package io.srespace.fixer.gitops;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A configuration file format that Fixer edits as structure, never as appended text: every {@link
 * #set} re-parses its result and is refused unless exactly the one key changed.
 */
public sealed interface ConfigFormat permits EnvFormat, PropertiesFormat, YamlFormat {

  /**
   * The file's keys and values, in file order.
   *
   * @throws ConfigFormatException when the text is not a valid file of this format
   */
  Map<String, String> parse(String text);

  /**
   * The text with {@code key} set to {@code value} (added when absent) and everything else as it
   * was.
   *
   * @throws ConfigFormatException when the text does not parse, or the edited text would not parse
   *     back to the same keys with only {@code key} changed to {@code value}
   */
  String set(String text, String key, String value);

  /** The format of a file, chosen by its name's extension. */
  static Optional<ConfigFormat> forFile(String file) {
    String name = file.substring(file.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    if (name.endsWith(".env") || name.equals(".env")) {
      return Optional.of(EnvFormat.INSTANCE);
    }
    if (name.endsWith(".properties")) {
      return Optional.of(PropertiesFormat.INSTANCE);
    }
    if (name.endsWith(".yaml") || name.endsWith(".yml")) {
      return Optional.of(YamlFormat.INSTANCE);
    }
    return Optional.empty();
  }

  /** The extensions {@link #forFile} knows, for messages. */
  static String knownExtensions() {
    return ".env, .properties, .yaml, .yml";
  }
}
