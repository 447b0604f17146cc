package io.srespace.memory.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * onnxruntime (under the in-process embedding model) unpacks its native libraries into a new {@code
 * onnxruntime-java*} folder of the temporary folder at each start and leaves it there; this deletes
 * the ones that appeared while the tests ran. As a Quarkus test resource it does so when the
 * application stops.
 */
public final class OnnxRuntimeFolders implements QuarkusTestResourceLifecycleManager {
  private static final Path TEMP = Path.of(System.getProperty("java.io.tmpdir"));

  private Set<Path> before = Set.of();

  /** The {@code onnxruntime-java*} folders there are now. */
  public static Set<Path> present() {
    try (Stream<Path> files = Files.list(TEMP)) {
      return files
          .filter(path -> path.getFileName().toString().startsWith("onnxruntime-java"))
          .collect(Collectors.toSet());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + TEMP, e);
    }
  }

  /** Deletes the {@code onnxruntime-java*} folders that are not in {@code before}. */
  public static void deleteAllBut(Set<Path> before) {
    present().stream()
        .filter(path -> !before.contains(path))
        .forEach(ChromaServer::deleteRecursively);
  }

  @Override
  public Map<String, String> start() {
    before = present();
    return Map.of();
  }

  @Override
  public void stop() {
    deleteAllBut(before);
  }
}
