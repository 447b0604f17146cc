package io.srespace.fixer.gitops;

import io.srespace.knowledge.EnvFile;
import java.util.Map;

/** Environment files in the configuration repository, read and edited by the one editor. */
final class EnvFormat implements ConfigFormat {
  static final EnvFormat INSTANCE = new EnvFormat();

  private EnvFormat() {}

  @Override
  public Map<String, String> parse(String text) {
    try {
      return EnvFile.parse(text);
    } catch (EnvFile.Invalid e) {
      throw new ConfigFormatException(e.getMessage());
    }
  }

  @Override
  public String set(String text, String key, String value) {
    String edited;
    try {
      edited = EnvFile.set(text, key, value);
    } catch (EnvFile.Invalid e) {
      throw new ConfigFormatException(e.getMessage());
    }
    return SingleKeyEdit.checked(this, text, edited, key, value);
  }
}
