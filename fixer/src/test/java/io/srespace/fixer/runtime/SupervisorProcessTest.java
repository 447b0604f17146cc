package io.srespace.fixer.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SupervisorProcessTest {

  @Test
  void aMissingSupervisordFailsSayingHowToInstallIt() {
    assertThatThrownBy(() -> SupervisorProcess.command(null, "/nowhere:/nothing/here"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith(
            "supervisord is not installed (not on the PATH /nowhere:/nothing/here). Install it"
                + " with 'apt-get install supervisor'");
    assertThatThrownBy(() -> SupervisorProcess.command("/nowhere/supervisord", "/usr/bin"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "supervisord is not at /nowhere/supervisord (set by supervisord.command or"
                + " SRE_SPACE_SUPERVISORD)");
  }

  @Test
  void writesAConfigurationOfItsOwnWithLiteralPercentSignsAndTheFolderFilledIn() {
    String conf =
        SupervisorProcess.configuration(
            Path.of("/tmp/sv"),
            9101,
            List.of(
                new SupervisorProcess.Program(
                    "demo", "sh -c 'date +%s > {folder}/out'", Map.of("startsecs", "0"))),
            new SupervisorRuntime.Credentials("fixer", "secret"));

    assertThat(conf)
        .contains("[inet_http_server]\nport=127.0.0.1:9101\nusername=fixer\npassword=secret\n")
        .contains("pidfile=/tmp/sv/supervisord.pid\n")
        .contains("[supervisorctl]\nserverurl=http://127.0.0.1:9101\n")
        .contains("[program:demo]\ncommand=sh -c 'date +%%s > /tmp/sv/out'\n")
        .contains("startsecs=0\n")
        .doesNotContain("startsecs=1");
  }
}
