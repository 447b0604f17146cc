package io.srespace.evaluation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The cases of {@code ./sre-space eval --matrix --seed S}: every fault on every service it applies
 * to ({@code fault@service}), pairs of overlapping faults ({@code a@s+b@t}) and a traffic surge
 * alone and under a fault, shuffled by the seed and drawn in turn (again from the start when more
 * cases are asked than there are pairs), so the same seed draws the same cases and another seed
 * another order and mix.
 */
public final class Matrix {
  /** The demo services a fault of any service is aimed at. */
  static final List<String> SERVICES = List.of("quote-service", "policy-service", "user-service");

  /** Faults that exist in one service only, with it. */
  private static final List<String> ONE_SERVICE =
      List.of(
          "conversion-break@policy-service",
          "db-pool@policy-service",
          "disk-full@policy-service",
          "dependency-down@user-service");

  /** Faults any demo service can suffer. */
  private static final List<String> ANY_SERVICE =
      List.of(
          "kill",
          "hang",
          "latency",
          "error-rate",
          "memory-leak",
          "bad-release",
          "cpu-starvation",
          "packet-loss",
          "network-delay");

  /**
   * Two faults at once on services that do not call each other (both called by quote-service): the
   * second is injected while the first is handled, and each must be found and acted on.
   */
  private static final List<String> OVERLAPPING =
      List.of(
          "kill@policy-service+latency@user-service",
          "hang@user-service+error-rate@policy-service");

  /**
   * Load that is no fault (four times the journeys for 150 s: no incident is right), alone and with
   * a fault beginning under it (which must be found and acted on as without the load).
   */
  private static final List<String> UNDER_LOAD =
      List.of("traffic-surge@quote-service", "traffic-surge@quote-service+error-rate@user-service");

  /** Every case once. */
  public static final int DEFAULT_CASES = pairs().size();

  private Matrix() {}

  /** Every pair, in a fixed order. */
  static List<String> pairs() {
    List<String> pairs = new ArrayList<>();
    for (String fault : ANY_SERVICE) {
      for (String service : SERVICES) {
        pairs.add(fault + "@" + service);
      }
    }
    pairs.addAll(ONE_SERVICE);
    pairs.addAll(OVERLAPPING);
    pairs.addAll(UNDER_LOAD);
    return pairs;
  }

  /** {@code cases} pairs drawn with the seed. */
  public static List<String> draw(long seed, int cases) {
    if (cases < 1) {
      throw new IllegalArgumentException("--cases must be 1 or more, was " + cases);
    }
    Random random = new Random(seed);
    List<String> drawn = new ArrayList<>();
    while (drawn.size() < cases) {
      List<String> round = new ArrayList<>(pairs());
      Collections.shuffle(round, random);
      drawn.addAll(round.subList(0, Math.min(round.size(), cases - drawn.size())));
    }
    return drawn;
  }
}
