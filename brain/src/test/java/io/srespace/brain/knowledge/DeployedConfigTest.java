package io.srespace.brain.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeployedConfigTest {
  @TempDir Path dir;

  @Test
  void theDeployedValueIsReadFromTheServicesFile() throws IOException {
    Files.writeString(dir.resolve("s.env"), "# comment\nPOOL=4\nOTHER='a b' # why\n");
    Files.writeString(dir.resolve("twice.env"), "POOL=4\nPOOL=5\n");
    DeployedConfig deployed = new DeployedConfig(dir);
    assertThat(deployed.value("s.env", "POOL")).contains("4");
    assertThat(deployed.value("s.env", "OTHER")).contains("a b");
    assertThat(deployed.value("twice.env", "POOL")).as("no value to trust").isEmpty();
    assertThat(deployed.value("s.env", "MISSING")).isEmpty();
    assertThat(deployed.value("missing.env", "POOL")).isEmpty();
  }

  @Test
  void aNameThatLeavesTheFolderIsNotRead() throws IOException {
    Path folder = Files.createDirectories(dir.resolve("env"));
    Files.writeString(dir.resolve("secret.env"), "POOL=hunter2\n");
    DeployedConfig deployed = new DeployedConfig(folder);

    assertThat(deployed.value("../secret.env", "POOL")).isEmpty();
    assertThat(deployed.value(dir.resolve("secret.env").toString(), "POOL")).isEmpty();
    assertThat(deployed.value("..", "POOL")).isEmpty();
  }
}
