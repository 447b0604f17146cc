package io.srespace.demo.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The faults of a service that model a lasting condition (a batch job holding its pool), kept in a
 * file beside its deployment rather than in its JVM, so that a restart does not clear them: one
 * line per fault, {@code <fault> <intensity> <since> <until or ->}. Without a folder nothing is
 * kept.
 */
final class LastingFaults {
  private static final Logger LOG = Logger.getLogger(LastingFaults.class);

  private final Optional<Path> file;

  LastingFaults(Optional<Path> folder, String service) {
    this.file = folder.map(dir -> dir.resolve(service + ".faults"));
  }

  /** What the file holds; a line that cannot be read is skipped with a warning. */
  List<FaultState> read(Collection<FaultSwitch> switches) {
    if (file.isEmpty() || !Files.isRegularFile(file.get())) {
      return List.of();
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(file.get(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      LOG.warnf("cannot read the lasting faults in %s: %s", file.get(), e.getMessage());
      return List.of();
    }
    List<FaultState> states = new ArrayList<>();
    for (String line : lines) {
      if (line.isBlank()) {
        continue;
      }
      String[] words = line.strip().split(" ");
      Optional<FaultSwitch> target =
          words.length == 4
              ? switches.stream()
                  .filter(s -> s.survivesRestart() && s.fault().id().equals(words[0]))
                  .findFirst()
              : Optional.empty();
      try {
        FaultSwitch fault = target.orElseThrow(IllegalArgumentException::new);
        states.add(
            new FaultState(
                fault.fault(),
                true,
                Double.parseDouble(words[1]),
                fault.intensityUnit(),
                fault.defaultIntensity(),
                Instant.parse(words[2]),
                words[3].equals("-") ? null : Instant.parse(words[3]),
                fault.symptom(),
                null));
      } catch (RuntimeException e) {
        LOG.warnf(
            "skipped a line of %s that is not a lasting fault of this service: %s",
            file.get(), line);
      }
    }
    return states;
  }

  /** Replaces the file's content with {@code states} (written whole, then moved into place). */
  void write(Collection<FaultState> states) {
    if (file.isEmpty()) {
      return;
    }
    String text =
        states.stream()
            .map(
                state ->
                    "%s %s %s %s"
                        .formatted(
                            state.fault().id(),
                            state.intensity(),
                            state.since(),
                            state.until() == null ? "-" : state.until()))
            .collect(Collectors.joining("\n", "", states.isEmpty() ? "" : "\n"));
    try {
      Files.createDirectories(file.get().getParent());
      Path next = file.get().resolveSibling(file.get().getFileName() + ".next");
      Files.writeString(next, text, StandardCharsets.UTF_8);
      Files.move(
          next, file.get(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the lasting faults in " + file.get(), e);
    }
  }
}
