package io.srespace.fixer.gitops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConfigFormatTest {
  @Test
  void choosesTheFormatByTheFileExtension() {
    assertThat(ConfigFormat.forFile("policy-service.env")).containsSame(EnvFormat.INSTANCE);
    assertThat(ConfigFormat.forFile("svc/.env")).containsSame(EnvFormat.INSTANCE);
    assertThat(ConfigFormat.forFile("svc/application.properties"))
        .containsSame(PropertiesFormat.INSTANCE);
    assertThat(ConfigFormat.forFile("compose.YAML")).containsSame(YamlFormat.INSTANCE);
    assertThat(ConfigFormat.forFile("compose.yml")).containsSame(YamlFormat.INSTANCE);
    assertThat(ConfigFormat.forFile("Dockerfile")).isEmpty();
    assertThat(ConfigFormat.forFile("env.txt")).isEmpty();
  }
}
