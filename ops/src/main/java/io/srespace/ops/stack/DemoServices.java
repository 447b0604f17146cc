package io.srespace.ops.stack;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

/**
 * How an operator's tool acts on the demo services of a running stack, whatever runs them: the
 * local stack's supervisor, or Compose's containers.
 */
public interface DemoServices {
  /** Whether the service runs (a process, a container), answering or not. */
  boolean running(String service) throws IOException, InterruptedException;

  /** Starts the service if it does not run. */
  void start(String service) throws IOException, InterruptedException;

  /** Starts the service anew with its deployed configuration. */
  void restart(String service) throws IOException, InterruptedException;

  /** Whether the service is ready, waiting up to {@code limit}. */
  boolean awaitReady(String service, Duration limit) throws IOException, InterruptedException;

  /** The configuration the service runs with, as deployed (KEY=value). */
  Map<String, String> deployed(String service) throws IOException, InterruptedException;

  /** Where to look when the service does not get ready (its log, or the command showing it). */
  String whereToLook(String service);
}
