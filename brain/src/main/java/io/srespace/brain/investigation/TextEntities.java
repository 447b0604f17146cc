package io.srespace.brain.investigation;

import io.srespace.events.FaultClass;
import io.srespace.knowledge.KnowledgeGraph;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a person's description of a problem names: services of the knowledge graph (by full name or
 * by the name without "-service") and symptoms, each read as the fault class it suggests.
 */
public record TextEntities(List<String> services, List<Symptom> symptoms) {

  /** A phrase of the description and the fault class it suggests. */
  public record Symptom(FaultClass faultClass, List<String> words) {}

  private static final Map<FaultClass, Pattern> SYMPTOMS = new LinkedHashMap<>();

  static {
    SYMPTOMS.put(
        FaultClass.UNAVAILABLE,
        words(
            "restart(s|ing|ed)?|down|crash(es|ed|ing)?|dead|died|unreachable|not responding"
                + "|connection refused|killed|unavailable|no data"));
    SYMPTOMS.put(FaultClass.MEMORY, words("memory|heap|oom|out of memory|leak(s|ing)?|gc"));
    SYMPTOMS.put(
        FaultClass.RESOURCE_EXHAUSTION,
        words("pool|connections?|exhausted|saturated|acquisition timeout|too many"));
    SYMPTOMS.put(
        FaultClass.WRONG_RESULT,
        words("reject(s|ed|ing)?|conversion|purchases? (stop(ped)?|fail(ed)?)|wrong|no sales"));
    SYMPTOMS.put(
        FaultClass.LATENCY, words("slow(ly|er)?|latency|lag(gy)?|tim(e|es|ed|ing) ?outs?|p9[59]"));
    SYMPTOMS.put(FaultClass.CPU, words("cpu|throttl(ed|ing)"));
    SYMPTOMS.put(FaultClass.STORAGE, words("disk( is)? full|no space|out of (disk|space)|enospc"));
    SYMPTOMS.put(
        FaultClass.ERRORS, words("errors?|exceptions?|5\\d\\d|fail(s|ing|ed|ures?)?|broken"));
  }

  public static TextEntities of(String description, KnowledgeGraph graph) {
    String text = description.toLowerCase(Locale.ROOT);
    List<String> services = new ArrayList<>();
    for (String service : graph.services().keySet()) {
      String shortName = service.replaceFirst("-service$", "");
      Pattern named =
          Pattern.compile(
              "\\b(" + Pattern.quote(service) + "|" + Pattern.quote(shortName) + ")( service)?\\b");
      if (named.matcher(text).find()) {
        services.add(service);
      }
    }
    List<Symptom> symptoms = new ArrayList<>();
    SYMPTOMS.forEach(
        (faultClass, pattern) -> {
          List<String> found = new ArrayList<>();
          Matcher m = pattern.matcher(text);
          while (m.find()) {
            if (!found.contains(m.group())) {
              found.add(m.group());
            }
          }
          if (!found.isEmpty()) {
            symptoms.add(new Symptom(faultClass, found));
          }
        });
    return new TextEntities(List.copyOf(services), List.copyOf(symptoms));
  }

  /** The fault class the description suggests most specifically (the first in the table above). */
  public FaultClass suggestedClass() {
    return symptoms.isEmpty() ? null : symptoms.get(0).faultClass();
  }

  private static Pattern words(String alternatives) {
    return Pattern.compile("\\b(" + alternatives + ")\\b");
  }
}
