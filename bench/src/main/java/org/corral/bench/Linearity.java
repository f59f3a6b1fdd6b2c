package org.corral.bench;

import java.util.List;
import java.util.Locale;

/**
 * Is a cost curve linear? A least-squares line t = a + b·n through the points, its R², and the
 * marginal cost of the last step against the first (a curve that bends up, n log n or worse,
 * makes the later steps dearer).
 *
 * @param intercept  a, in ms
 * @param slope      b, in ms per item
 * @param r2         coefficient of determination of the fit
 * @param bend       marginal cost of the last step / marginal cost of the first step
 */
record Linearity(double intercept, double slope, double r2, double bend) {
    /** Linear enough: the line explains the points and later items cost at most 1.5x the earlier ones. */
    static final double MAX_BEND = 1.5;
    static final double MIN_R2 = 0.99;

    /** From points {n, ms}, sorted by n (at least 3). */
    static Linearity of(List<double[]> points) {
        if (points.size() < 3) throw new IllegalArgumentException("need 3 points, have " + points.size());
        int k = points.size();
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (double[] p : points) {
            sx += p[0];
            sy += p[1];
            sxx += p[0] * p[0];
            sxy += p[0] * p[1];
        }
        double slope = (k * sxy - sx * sy) / (k * sxx - sx * sx);
        double intercept = (sy - slope * sx) / k;
        double mean = sy / k, ssTot = 0, ssRes = 0;
        for (double[] p : points) {
            double fit = intercept + slope * p[0];
            ssTot += (p[1] - mean) * (p[1] - mean);
            ssRes += (p[1] - fit) * (p[1] - fit);
        }
        double r2 = ssTot == 0 ? 1 : 1 - ssRes / ssTot;
        double[] a = points.get(0), b = points.get(1), y = points.get(k - 2), z = points.get(k - 1);
        double first = (b[1] - a[1]) / (b[0] - a[0]);
        double last = (z[1] - y[1]) / (z[0] - y[0]);
        return new Linearity(intercept, slope, r2, last / first);
    }

    boolean linear() {
        return r2 >= MIN_R2 && bend <= MAX_BEND;
    }

    String describe(String unit) {
        return String.format(Locale.ROOT,
                "CPU time fit t = %.2f ms + %.1f µs × %s: R² = %.4f; the last step's cost per item is %.2f× the first's: %s.",
                intercept, slope * 1000, unit, r2, bend,
                linear() ? "linear (R² ≥ " + MIN_R2 + ", ≤ " + MAX_BEND + "×)" : "**not linear** (wanted R² ≥ " + MIN_R2 + " and ≤ " + MAX_BEND + "×)");
    }
}
