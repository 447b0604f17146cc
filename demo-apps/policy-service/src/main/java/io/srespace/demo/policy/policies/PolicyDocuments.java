package io.srespace.demo.policy.policies;

import io.srespace.demo.telemetry.GaugeSource;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The document of each issued policy, kept in the service's data directory ({@code demo.data-dir};
 * none configured: no documents), and how full that directory's filesystem is ({@code
 * system.filesystem.utilization}, reported with the service's metrics). The last {@value #KEPT}
 * documents are kept. A document that cannot be written fails the issue: a policy the customer
 * cannot be sent is not issued.
 */
@Singleton
public class PolicyDocuments implements GaugeSource {
  static final int KEPT = 200;

  private final Optional<Path> directory;

  public PolicyDocuments(@ConfigProperty(name = "demo.data-dir") Optional<String> dataDir) {
    this.directory = dataDir.filter(d -> !d.isBlank()).map(d -> Path.of(d, "policies"));
  }

  /**
   * Writes the document of {@code policyId}: to a new file first, then in place of the oldest, so
   * that a full disk fails the write rather than reusing the space of the one it replaces.
   */
  void write(String policyId, IssueRequest request) {
    if (directory.isEmpty()) {
      return;
    }
    Path target = directory.get().resolve("policy-%03d.json".formatted(slot(policyId)));
    Path fresh = directory.get().resolve("." + UUID.randomUUID() + ".tmp");
    String document =
        """
        {"policyId":"%s","quoteId":"%s","customerId":"%s","product":"%s","premium":"%s"}
        """
            .formatted(
                policyId,
                request.quoteId(),
                request.customerId(),
                request.product(),
                request.premium());
    try {
      Files.createDirectories(directory.get());
      Files.writeString(fresh, document, StandardCharsets.UTF_8);
      Files.move(
          fresh, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      try {
        Files.deleteIfExists(fresh);
      } catch (IOException ignored) {
        // the write failed already; what is left of it goes with the next cleanup
      }
      throw new DocumentUnwrittenException(
          "cannot write the document of policy %s to %s: %s"
              .formatted(policyId, directory.get(), e.getMessage()),
          e);
    }
  }

  private static int slot(String policyId) {
    return Math.floorMod(policyId.hashCode(), KEPT);
  }

  @Override
  public List<Gauge> gauges() {
    if (directory.isEmpty()) {
      return List.of();
    }
    try {
      Path existing = directory.get();
      while (!Files.exists(existing) && existing.getParent() != null) {
        existing = existing.getParent();
      }
      FileStore store = Files.getFileStore(existing);
      long total = store.getTotalSpace();
      if (total <= 0) {
        return List.of();
      }
      double used = 1 - (double) store.getUsableSpace() / total;
      return List.of(
          new Gauge(
              "system.filesystem.utilization",
              "1",
              Math.max(0, Math.min(1, used)),
              Map.of("system.filesystem.mountpoint", store.name())));
    } catch (IOException e) {
      return List.of();
    }
  }
}
