package io.srespace.brain.core.nezha;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code rca-eval} command line: the labelled days, an ablation, or semi-synthetic faults. */
@Command(
    name = "rca-eval",
    mixinStandardHelpOptions = true,
    description = {
      "Scores Brain's analysis core on a Nezha-layout dataset (rca/<day>/, normal/<day>/).",
      "Labels are read only to score (and, with --synthetic, to find fault-free stretches)."
    })
final class RcaEvalCommand implements Callable<Integer> {

  @Option(
      names = "--data",
      required = true,
      paramLabel = "DIR",
      description = "the dataset folder, e.g. ../shared/datasets/nezha")
  Path data;

  @Option(names = "--json", paramLabel = "FILE", description = "also write the report as JSON")
  Path json;

  @Option(
      names = "--ablation",
      description = "score every case with each signal or rule switched off in turn")
  boolean ablation;

  @Option(
      names = "--synthetic",
      paramLabel = "N",
      description = "inject N faults of every type into fault-free stretches of each day")
  Integer synthetic;

  @Option(
      names = "--seed",
      paramLabel = "S",
      defaultValue = "1",
      description = "the seed of --synthetic's draws (default ${DEFAULT-VALUE})")
  long seed;

  static int run(String... args) {
    CommandLine line = new CommandLine(new RcaEvalCommand());
    line.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          cmd.getErr().println("rca-eval: " + e.getMessage());
          return 2;
        });
    line.setParameterExceptionHandler(
        (e, arguments) -> {
          e.getCommandLine().getErr().println("rca-eval: " + e.getMessage());
          e.getCommandLine().usage(e.getCommandLine().getErr());
          return 2;
        });
    return line.execute(args);
  }

  @Override
  public Integer call() {
    RcaEvaluator evaluator = new RcaEvaluator(System.out);
    Object report;
    if (ablation && synthetic != null) {
      List<NezhaDay> days = NezhaDay.discover(data);
      SyntheticEvaluator generator = new SyntheticEvaluator(System.out);
      report =
          evaluator.ablation(
              generator.samples(days, synthetic, seed), SyntheticEvaluator.total(days, synthetic));
    } else if (ablation) {
      report = evaluator.ablation(data);
    } else if (synthetic != null) {
      SyntheticEvaluator generator = new SyntheticEvaluator(System.out);
      RcaEvaluator.Report result = generator.evaluate(data, synthetic, seed);
      generator.print(result);
      report = result;
    } else {
      RcaEvaluator.Report result = evaluator.evaluate(data);
      evaluator.print(result);
      report = result;
    }
    if (json != null) {
      write(report);
    }
    return 0;
  }

  private void write(Object report) {
    try {
      Path parent = json.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .writeValue(json.toFile(), report);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write %s: %s".formatted(json, e.getMessage()), e);
    }
  }
}
