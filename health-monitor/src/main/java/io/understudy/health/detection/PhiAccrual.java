package io.understudy.health.detection;

import java.time.Duration;

/**
 * The φ-accrual suspicion level of Hayashibara et al.: how unlikely it is, given the recent gaps between good
 * probes, that the next one is merely late. φ = -log10(1 - F(elapsed)), F the normal distribution of those gaps
 * widened by the acceptable pause, with the standard deviation never below a floor (a very regular instance would
 * otherwise be suspected after a few milliseconds of jitter). F uses the logistic approximation Akka uses, computed
 * in log space so that φ stays finite and exact far out in the tail.
 */
final class PhiAccrual {
    private static final double LN_10 = Math.log(10);

    private final double[] gaps;
    private final double minStdDevMillis;
    private final double acceptablePauseMillis;
    private int count;
    private int next;
    private double sum;
    private double sumOfSquares;

    /** @param firstGapEstimate seeds the window: the probe interval, before any gap was seen */
    PhiAccrual(int window, Duration minStdDev, Duration acceptablePause, Duration firstGapEstimate) {
        this.gaps = new double[window];
        this.minStdDevMillis = minStdDev.toNanos() / 1e6;
        this.acceptablePauseMillis = acceptablePause.toNanos() / 1e6;
        double first = firstGapEstimate.toNanos() / 1e6;
        add(first - minStdDevMillis);
        add(first + minStdDevMillis);
    }

    void add(Duration gap) {
        add(gap.toNanos() / 1e6);
    }

    private void add(double gapMillis) {
        if (count == gaps.length) {
            double dropped = gaps[next];
            sum -= dropped;
            sumOfSquares -= dropped * dropped;
        } else {
            count++;
        }
        gaps[next] = gapMillis;
        next = (next + 1) % gaps.length;
        sum += gapMillis;
        sumOfSquares += gapMillis * gapMillis;
    }

    double phi(Duration sinceLastGood) {
        double mean = sum / count + acceptablePauseMillis;
        double variance = Math.max(0, sumOfSquares / count - (sum / count) * (sum / count));
        double stdDev = Math.max(Math.sqrt(variance), minStdDevMillis);
        double y = (sinceLastGood.toNanos() / 1e6 - mean) / stdDev;
        // 1 - F(y) ≈ e / (1 + e) with e = exp(-a); so φ = (a + log(1 + exp(-a))) / ln 10, written to never overflow
        double a = y * (1.5976 + 0.070566 * y * y);
        return (Math.max(a, 0) + Math.log1p(Math.exp(-Math.abs(a)))) / LN_10;
    }
}
