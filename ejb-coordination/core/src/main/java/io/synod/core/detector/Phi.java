package io.synod.core.detector;

/**
 * The phi function: {@code -log10(1 - F(elapsed))} for the normal CDF {@code F}, using the logistic
 * approximation of the CDF that Akka uses ({@code F(y) ≈ 1 / (1 + e^(-y(1.5976 + 0.070566 y²)))}, error below
 * 1.4e-4), which has a closed-form tail.
 *
 * <p>With {@code z = y(1.5976 + 0.070566 y²)} the tail is {@code 1 / (1 + e^z)}, so phi is
 * {@code log10(1 + e^z)} — computed here as a numerically stable softplus. Akka's two-branch form underflows
 * {@code e^(-z)} to 0 around y ≈ 20 and returns infinity; this one stays finite and strictly increasing in the
 * elapsed time, which the console's charts and the "monotonic while silent" property rely on.
 */
final class Phi {

    private static final double LN_10 = Math.log(10.0);

    private Phi() {
    }

    static double of(double elapsedMillis, double meanMillis, double stdDevMillis) {
        double y = (elapsedMillis - meanMillis) / stdDevMillis;
        double z = y * (1.5976 + 0.070566 * y * y);
        double softplus = z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
        return softplus / LN_10;
    }
}
