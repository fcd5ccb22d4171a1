package io.github.jpackagedeb.examples.service;

/**
 * The CPU-hot work behind {@code GET /primes?n=N}: counts the primes below N by trial division, on purpose the slow
 * way, so that a profile of the service shows {@code PrimeCounter.countPrimes} on top of its flame graph.
 */
public final class PrimeCounter {

    /** The largest N the endpoint takes: a request costs at most about a second of CPU. */
    public static final int MAX_N = 2_000_000;

    private PrimeCounter() {
    }

    /** The number of primes p with 2 &lt;= p &lt; n. */
    public static int countPrimes(int n) {
        int count = 0;
        for (int candidate = 2; candidate < n; candidate++) {
            if (isPrime(candidate)) {
                count++;
            }
        }
        return count;
    }

    private static boolean isPrime(int candidate) {
        for (int d = 2; (long) d * d <= candidate; d++) {
            if (candidate % d == 0) {
                return false;
            }
        }
        return true;
    }
}
