package io.understudy.proxy.opinion;

import io.understudy.contract.FailureVerdict;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * What this vantage makes of a failure the health monitor declared, from the attempts at the instance's health
 * endpoint: one healthy answer refutes it (the instance is up, at least from here, so fencing it could fence a
 * healthy master); none confirms it. The evidence says what each attempt got, for the operator reading the takeover.
 */
public record SecondOpinion(Verdict verdict, String evidence) {

    public enum Verdict {
        /** The instance does not answer healthy from here either. */
        CONFIRMED(FailureVerdict.confirmed),
        /** The instance answers healthy from here. */
        REFUTED(FailureVerdict.refuted);

        private final FailureVerdict contract;

        Verdict(FailureVerdict contract) {
            this.contract = contract;
        }

        /** The result's {@code verdict}, as the contract has it. */
        public FailureVerdict contract() {
            return contract;
        }

        /** The value of the result's {@code verdict} output, as its map renders it. */
        public String output() {
            return contract.toString();
        }
    }

    /** @param probes every attempt made, in order; the caller stops at the first healthy one */
    public static SecondOpinion of(String url, List<Probe> probes) {
        if (probes.isEmpty()) {
            throw new IllegalArgumentException("no opinion without an attempt at " + url);
        }
        String attempts = IntStream.range(0, probes.size())
                .mapToObj(i -> "attempt " + (i + 1) + " " + probes.get(i).describe())
                .collect(Collectors.joining("; "));
        if (probes.stream().anyMatch(Probe::healthy)) {
            return new SecondOpinion(Verdict.REFUTED, "GET " + url + " answers healthy: " + attempts);
        }
        return new SecondOpinion(Verdict.CONFIRMED, "GET " + url + " gave no healthy answer in " + probes.size()
                + (probes.size() == 1 ? " attempt: " : " attempts: ") + attempts);
    }
}
