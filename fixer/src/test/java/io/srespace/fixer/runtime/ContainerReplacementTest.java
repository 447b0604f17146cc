package io.srespace.fixer.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The environment a redeployed container gets. */
class ContainerReplacementTest {

  @Test
  void setsTheGivenVariablesAndKeepsTheOthersInOrder() {
    Map<String, String> changes = new LinkedHashMap<>();
    changes.put("POOL", "8");
    changes.put("NEW", "a=b");

    assertThat(
            ContainerReplacement.mergedEnvironment(
                new String[] {"PATH=/bin", "POOL=4", "EMPTY=", "BARE"}, changes))
        .containsExactly("PATH=/bin", "POOL=8", "EMPTY=", "BARE", "NEW=a=b");
  }

  @Test
  void aContainerWithoutEnvironmentGetsOnlyTheChanges() {
    assertThat(ContainerReplacement.mergedEnvironment(null, Map.of("A", "1")))
        .containsExactly("A=1");
  }
}
