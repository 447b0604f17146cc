package io.srespace.demo.faults;

/** Range checks for fault intensities, with the message the admin endpoint returns. */
final class Intensity {
  private Intensity() {}

  static double within(double value, double min, double max, String unit) {
    if (Double.isNaN(value) || value < min || value > max) {
      throw new IllegalArgumentException(
          "intensity must be between %s and %s %s, was %s".formatted(min, max, unit, value));
    }
    return value;
  }
}
