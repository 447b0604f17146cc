package io.srespace.brain.core.analysis;

/**
 * How surprising a count in the window is, given the same count in the baseline: the window's count
 * is compared with the beta-binomial prediction of the baseline's rate, so a rate learnt from five
 * spans cannot make a small change look certain, and a drop to zero is judged by how unlikely zero
 * is. The tail probability is returned as the equivalent normal z, comparable with the robust
 * z-scores of latency and metrics.
 */
final class Surprise {

  /** Jeffreys' prior on the baseline rate. */
  private static final double PRIOR = 0.5;

  private static final double LN_2PI = Math.log(2 * Math.PI);

  private static final double[] LANCZOS = {
    0.99999999999980993,
    676.5203681218851,
    -1259.1392167224028,
    771.32342877765313,
    -176.61502916214059,
    12.507343278686905,
    -0.13857109526572012,
    9.9843695780195716e-6,
    1.5056327351493116e-7
  };

  private Surprise() {}

  /**
   * The z of {@code hits} of {@code trials} in the window against {@code baseHits} of {@code
   * baseTrials} in the baseline: positive when the window's rate is higher, negative when lower.
   */
  static double z(long baseHits, long baseTrials, long hits, long trials) {
    if (trials <= 0 || baseTrials < 0 || baseHits < 0 || baseHits > baseTrials) {
      return 0;
    }
    double alpha = baseHits + PRIOR;
    double beta = baseTrials - baseHits + PRIOR;
    double mean = trials * alpha / (alpha + beta);
    if (hits > mean) {
      return zOfLogTail(logTail(hits, trials, alpha, beta, +1));
    }
    if (hits < mean) {
      return -zOfLogTail(logTail(hits, trials, alpha, beta, -1));
    }
    return 0;
  }

  /** ln P(X ≥ k) (direction +1) or ln P(X ≤ k) (direction −1) for X ~ BetaBinomial(n, a, b). */
  private static double logTail(long k, long n, double a, double b, int direction) {
    double first = logPmf(k, n, a, b);
    double sum = 1;
    for (long i = k + direction; i >= 0 && i <= n; i += direction) {
      double ratio = Math.exp(logPmf(i, n, a, b) - first);
      sum += ratio;
      if (ratio < 1e-12 * sum) {
        break;
      }
    }
    return Math.min(0, first + Math.log(sum));
  }

  private static double logPmf(long k, long n, double a, double b) {
    return logChoose(n, k) + logBeta(k + a, n - k + b) - logBeta(a, b);
  }

  private static double logChoose(long n, long k) {
    return logGamma(n + 1.0) - logGamma(k + 1.0) - logGamma(n - k + 1.0);
  }

  private static double logBeta(double a, double b) {
    return logGamma(a) + logGamma(b) - logGamma(a + b);
  }

  /** The normal z whose upper tail is {@code exp(logP)}; 0 when the tail is half or more. */
  static double zOfLogTail(double logP) {
    if (logP >= Math.log(0.5)) {
      return 0;
    }
    // Solves ln p = -z^2/2 - ln z - ln(2 pi)/2 (the normal tail's asymptote) by iteration,
    // exact enough beyond z = 2, where findings start to count.
    double z = Math.sqrt(-2 * logP);
    for (int i = 0; i < 4; i++) {
      z = Math.sqrt(Math.max(0, -2 * logP - 2 * Math.log(Math.max(z, 1)) - LN_2PI));
    }
    return z;
  }

  /** Lanczos approximation (g = 7, nine terms) of ln Γ(x) for x > 0. */
  static double logGamma(double x) {
    if (x < 0.5) {
      return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
    }
    double[] c = LANCZOS;
    x -= 1;
    double sum = c[0];
    for (int i = 1; i < c.length; i++) {
      sum += c[i] / (x + i);
    }
    double t = x + 7.5;
    return 0.5 * LN_2PI + (x + 0.5) * Math.log(t) - t + Math.log(sum);
  }
}
