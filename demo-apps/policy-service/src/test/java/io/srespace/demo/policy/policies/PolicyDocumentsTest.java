package io.srespace.demo.policy.policies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyDocumentsTest {
  @TempDir Path data;

  private static IssueRequest request(int n) {
    return new IssueRequest("q-" + n, "c-" + n, "home-basic", new BigDecimal("280.00"), 0.3);
  }

  @Test
  void eachIssuedPolicyLeavesADocumentAndOnlyTheLastOnesAreKept() throws IOException {
    PolicyDocuments documents = new PolicyDocuments(Optional.of(data.toString()));

    for (int n = 0; n < 1_000; n++) {
      documents.write("pol-%05d".formatted(n), request(n));
    }

    try (Stream<Path> kept = Files.list(data.resolve("policies"))) {
      assertThat(kept.toList())
          .hasSizeLessThanOrEqualTo(PolicyDocuments.KEPT)
          .hasSizeGreaterThan(PolicyDocuments.KEPT / 2)
          .allSatisfy(file -> assertThat(file.getFileName().toString()).endsWith(".json"));
    }
    assertThat(documents.gauges())
        .singleElement()
        .satisfies(
            gauge -> {
              assertThat(gauge.name()).isEqualTo("system.filesystem.utilization");
              assertThat(gauge.value()).isBetween(0.0, 1.0);
            });
  }

  @Test
  void aDocumentThatCannotBeWrittenFailsTheIssueWithTheReason() throws IOException {
    Files.writeString(data.resolve("policies"), "a file where the folder should be");
    PolicyDocuments documents = new PolicyDocuments(Optional.of(data.toString()));

    assertThatThrownBy(() -> documents.write("pol-1", request(1)))
        .isInstanceOf(DocumentUnwrittenException.class)
        .hasMessageStartingWith("cannot write the document of policy pol-1 to " + data);
  }

  @Test
  void withoutADataDirectoryNothingIsWrittenOrReported() {
    PolicyDocuments documents = new PolicyDocuments(Optional.empty());

    documents.write("pol-1", request(1));
    assertThat(documents.gauges()).isEmpty();
  }
}
