package io.srespace.fixer.gitops;

import io.srespace.knowledge.KnowledgeGraph;
import io.srespace.knowledge.KnowledgeGraph.ConfigRule;
import io.srespace.knowledge.Remediation;
import io.srespace.knowledge.Setting;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides whether a configuration change may be made, before it is proposed and again before it is
 * merged; every "no" comes with reasons a person can act on. An empty list of reasons means yes.
 */
public final class ChangeValidator {
  private final Map<String, Map<String, ConfigRule>> rulesByFile = new LinkedHashMap<>();
  private final Map<String, Map<String, Setting>> revertible;

  /** The knowledge graph's pull-request rules: what each may set, read by {@link Remediation}. */
  public ChangeValidator(Collection<ConfigRule> rules) {
    this(rules, Map.of());
  }

  /**
   * The rules, and by file the typed keys a revert may set back ({@link
   * KnowledgeGraph#revertibleSettings}).
   */
  public ChangeValidator(
      Collection<ConfigRule> rules, Map<String, Map<String, Setting>> revertible) {
    this.revertible = Map.copyOf(revertible);
    for (ConfigRule rule : rules) {
      String key = rule.remediation().key();
      if (rule.setting() == null) {
        throw new IllegalArgumentException(
            "%s of %s has no setting: Fixer changes only typed keys".formatted(key, rule.file()));
      }
      ConfigRule earlier =
          rulesByFile
              .computeIfAbsent(rule.file(), file -> new LinkedHashMap<>())
              .putIfAbsent(key, rule);
      if (earlier != null && !earlier.remediation().equals(rule.remediation())) {
        throw new IllegalArgumentException(
            "two different rules for %s in %s".formatted(key, rule.file()));
      }
    }
  }

  /** The files some rule or a revert may change. */
  public Set<String> files() {
    Set<String> files = new TreeSet<>(rulesByFile.keySet());
    files.addAll(revertible.keySet());
    return Set.copyOf(files);
  }

  /**
   * Reasons not to set {@code key} of {@code file} (current text {@code text}) back to {@code
   * value} in a revert of a deployment that set it to {@code deployed}: the key must be typed and
   * revertible, still hold what the deployment set, and {@code value} must fit its setting.
   */
  public List<String> checkRevert(
      String file, String text, String key, String value, String deployed) {
    List<String> reasons = new ArrayList<>();
    Optional<Map<String, String>> current = parsed(file, text, "", reasons);
    if (current.isEmpty()) {
      return reasons;
    }
    Setting setting = revertible.getOrDefault(file, Map.of()).get(key);
    if (setting == null) {
      reasons.add("%s of %s may not be reverted (no rollback allows it)".formatted(key, file));
      return reasons;
    }
    String now = current.get().get(key);
    if (now == null || !same(now, deployed)) {
      reasons.add(
          "%s is %s in %s, not %s as the deployment set it: it changed since, so a person decides"
              .formatted(key, now == null ? "not set" : now, file, deployed));
      return reasons;
    }
    reasons.addAll(setting.refusals(key, value));
    return reasons;
  }

  public Optional<Remediation> rule(String file, String key) {
    return Optional.ofNullable(rulesByFile.getOrDefault(file, Map.of()).get(key))
        .map(ConfigRule::remediation);
  }

  /**
   * Reasons not to set {@code key} to {@code value} in {@code file}, whose current text is {@code
   * text} (null when the repository has no such file).
   */
  public List<String> check(String file, String text, String key, String value) {
    List<String> reasons = new ArrayList<>();
    Optional<Map<String, String>> current = parsed(file, text, "", reasons);
    if (current.isEmpty()) {
      return reasons;
    }
    Optional<ConfigRule> rule = allowed(file, key, reasons);
    if (rule.isEmpty()) {
      return reasons;
    }
    String old = current.get().get(key);
    if (old != null && same(old, value)) {
      reasons.add("%s is already %s in %s: nothing to change".formatted(key, value, file));
      return reasons;
    }
    reasons.addAll(refusals(rule.get(), value, old));
    return reasons;
  }

  /**
   * Reasons not to merge a change of {@code file} from {@code before} (the default branch) to
   * {@code after} (the pull request's branch): both must parse, exactly one key may differ, and its
   * new value must pass its rule.
   */
  public List<String> checkMerge(String file, String before, String after) {
    List<String> reasons = new ArrayList<>();
    Optional<Map<String, String>> old = parsed(file, before, "on the default branch", reasons);
    if (after == null) {
      reasons.add("the change deletes " + file);
      return reasons;
    }
    Optional<Map<String, String>> now =
        parsed(file, after, "on the pull request's branch", reasons);
    if (old.isEmpty() || now.isEmpty()) {
      return reasons;
    }
    List<String> changed = changedKeys(old.get(), now.get());
    if (changed.isEmpty()) {
      reasons.add("the change leaves every key of %s as it was".formatted(file));
    } else if (changed.size() > 1) {
      reasons.add(
          "the change sets %d keys of %s (%s); a fix sets exactly one"
              .formatted(changed.size(), file, String.join(", ", changed)));
    } else {
      String key = changed.get(0);
      String value = now.get().get(key);
      if (value == null) {
        reasons.add("the change removes %s from %s".formatted(key, file));
      } else {
        String was = old.get().get(key);
        allowed(file, key, reasons).ifPresent(rule -> reasons.addAll(refusals(rule, value, was)));
      }
    }
    return reasons;
  }

  /**
   * The rule's reasons and the key's setting's: a value must be what the rule gives and what the
   * key may hold, so a wrong rule or a wrong computation is still refused.
   */
  private static List<String> refusals(ConfigRule rule, String value, String current) {
    List<String> reasons = new ArrayList<>(rule.remediation().refusals(value, current));
    for (String reason : rule.setting().refusals(rule.remediation().key(), value)) {
      if (!reasons.contains(reason)) {
        reasons.add(reason);
      }
    }
    return reasons;
  }

  /** The keys whose values differ between two parsed files, in file order. */
  static List<String> changedKeys(Map<String, String> before, Map<String, String> after) {
    Set<String> keys = new LinkedHashSet<>(before.keySet());
    keys.addAll(after.keySet());
    return keys.stream().filter(key -> !Objects.equals(before.get(key), after.get(key))).toList();
  }

  private Optional<Map<String, String>> parsed(
      String file, String text, String where, List<String> reasons) {
    String at = where.isEmpty() ? "" : " " + where;
    if (!files().contains(file)) {
      reasons.add(
          "%s is not a file Fixer may change (rules name: %s)"
              .formatted(file, String.join(", ", new TreeSet<>(files()))));
      return Optional.empty();
    }
    if (text == null) {
      reasons.add("%s is not in the configuration repository%s".formatted(file, at));
      return Optional.empty();
    }
    Optional<ConfigFormat> format = ConfigFormat.forFile(file);
    if (format.isEmpty()) {
      reasons.add(
          "%s has no known format (Fixer edits %s files)"
              .formatted(file, ConfigFormat.knownExtensions()));
      return Optional.empty();
    }
    try {
      return Optional.of(format.get().parse(text));
    } catch (ConfigFormatException e) {
      reasons.add("%s%s cannot be parsed: %s".formatted(file, at, e.getMessage()));
      return Optional.empty();
    }
  }

  private Optional<ConfigRule> allowed(String file, String key, List<String> reasons) {
    Map<String, ConfigRule> rules = rulesByFile.getOrDefault(file, Map.of());
    ConfigRule rule = rules.get(key);
    if (rule == null) {
      reasons.add(
          "%s may not be changed in %s (allowed: %s)"
              .formatted(key, file, String.join(", ", rules.keySet())));
    }
    return Optional.ofNullable(rule);
  }

  private static boolean same(String a, String b) {
    BigDecimal x = number(a);
    BigDecimal y = number(b);
    return x != null && y != null ? x.compareTo(y) == 0 : a.equals(b);
  }

  private static BigDecimal number(String value) {
    try {
      return new BigDecimal(value);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
