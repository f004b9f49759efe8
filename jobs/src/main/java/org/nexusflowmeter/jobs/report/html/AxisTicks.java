package org.nexusflowmeter.jobs.report.html;

/** Round tick values for a value axis from zero: steps of 1, 2 or 5 times a power of ten, at most five steps. */
final class AxisTicks {
  private static final int TARGET_STEPS = 4;

  private AxisTicks() {}

  /** The step between ticks for an axis that must reach {@code largest} (positive). */
  static double step(double largest) {
    double rough = largest / TARGET_STEPS;
    double power = Math.pow(10, Math.floor(Math.log10(rough)));
    for (double multiple : new double[] {1, 2, 5, 10}) {
      if (multiple * power >= rough) {
        return multiple * power;
      }
    }
    return 10 * power;
  }
}
