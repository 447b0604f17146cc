package io.srespace.knowledge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code MoveGraph IN OUT SERVICE=URL...}: checks the knowledge graph {@code IN} and writes it to
 * {@code OUT} with the named services answering at new base URLs — how the launcher gives a stack
 * on other ports its graph, and says what is wrong with the graph before any agent starts.
 */
public final class MoveGraph {
  private MoveGraph() {}

  public static void main(String[] args) {
    if (args.length < 2) {
      System.err.println("usage: MoveGraph IN OUT [SERVICE=URL...]");
      System.exit(2);
    }
    Map<String, String> urls = new LinkedHashMap<>();
    for (int i = 2; i < args.length; i++) {
      int equals = args[i].indexOf('=');
      if (equals < 1) {
        System.err.printf("'%s' is not SERVICE=URL%n", args[i]);
        System.exit(2);
      }
      urls.put(args[i].substring(0, equals), args[i].substring(equals + 1));
    }
    try {
      KnowledgeGraph moved = KnowledgeGraph.load(Path.of(args[0])).withUrls(urls);
      Files.writeString(Path.of(args[1]), moved.toYaml());
    } catch (IOException | IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(1);
    }
  }
}
