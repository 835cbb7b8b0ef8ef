package io.understudy.invariants;

import io.understudy.schemas.tags.ResourceTags;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Address;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.Tag;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Watches environments in the cloud for a whole run and keeps the first broken promise (see {@link Judge}). A
 * background thread samples every watched environment, one interval after the last sample ended: one
 * DescribeInstances over their environment tags, one DescribeAddresses over their Elastic IPs, and, with a
 * {@link DutiesProbe}, each instance EC2 listed as running at the previous reading is asked for its own account
 * first. Environments can be added while it runs.
 */
public final class InvariantChecker implements AutoCloseable {
    /** The pause between two samples, unless told otherwise. */
    public static final Duration INTERVAL = Duration.ofMillis(50);
    static final String ENVIRONMENT_TAG = ResourceTags.ENVIRONMENT;
    static final String ROLE_TAG = ResourceTags.ROLE;
    private static final Duration STOP = Duration.ofSeconds(10);

    private final Ec2Client ec2;
    private final DutiesProbe probe;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, Watched> watched = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "invariant-checker");
        thread.setDaemon(true);
        return thread;
    });
    private long samples;
    private long failedSamples;
    private Instant firstSample;
    private Instant lastSample;
    private Violation firstViolation;
    private String lastFailure;

    /** One watched environment; its fields are the sampler thread's, once watch() has handed it over. */
    private static final class Watched {
        final String environmentId;
        final String allocationId;
        Past past;
        List<SampledInstance> running = List.of();

        Watched(String environmentId, String allocationId, Past past) {
            this.environmentId = environmentId;
            this.allocationId = allocationId;
            this.past = past;
        }
    }

    private InvariantChecker(Ec2Client ec2, DutiesProbe probe) {
        this.ec2 = ec2;
        this.probe = probe;
    }

    /**
     * Starts sampling, {@code interval} between the end of one sample and the start of the next, until closed; {@code probe} may be null where instances cannot be
     * asked about themselves. The client stays the caller's to close.
     */
    public static InvariantChecker start(Ec2Client ec2, Duration interval, DutiesProbe probe) {
        if (ec2 == null) {
            throw new IllegalArgumentException("the invariant checker needs an EC2 client");
        }
        if (interval == null || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the sampling interval must be positive, not " + interval);
        }
        InvariantChecker checker = new InvariantChecker(ec2, probe);
        // a delay, not a rate: with many environments a round gets slow (moto renders every instance it lists),
        // and back-to-back rounds would take the EC2 API from the services under test
        checker.timer.scheduleWithFixedDelay(checker::sample, 0, interval.toNanos(), TimeUnit.NANOSECONDS);
        return checker;
    }

    /**
     * Watches one more environment: its instances by their {@code understudy:environment} tag, and its Elastic
     * IP. Where the address is now is read at once, so an unknown address fails here, not in every sample.
     */
    public void watch(String environmentId, String allocationId) {
        if (environmentId == null || environmentId.isBlank() || allocationId == null || allocationId.isBlank()) {
            throw new IllegalArgumentException("watching needs an environment id and an allocation id, not "
                    + environmentId + " and " + allocationId);
        }
        String holder;
        try {
            holder = holders(List.of(allocationId)).get(allocationId);
        } catch (SdkException e) {
            throw new IllegalArgumentException("cannot watch " + environmentId + ": EC2 does not describe its Elastic IP "
                    + allocationId + ": " + e.getMessage(), e);
        }
        Watched environment = new Watched(environmentId, allocationId, Past.watchingFrom(holder));
        if (watched.putIfAbsent(environmentId, environment) != null) {
            throw new IllegalArgumentException(environmentId + " is watched already");
        }
    }

    /** The first broken promise, as soon as it was seen: for a test's await to fail fast on. */
    public synchronized Optional<Violation> firstViolation() {
        return Optional.ofNullable(firstViolation);
    }

    public synchronized Report report() {
        return new Report(samples, failedSamples, watched.size(), firstSample, lastSample, firstViolation, lastFailure);
    }

    /** Fails with the first violation and the figures, or when too few samples succeeded to say anything. */
    public void assertHeld() {
        Report report = report();
        report.problem().ifPresent(problem -> {
            throw new AssertionError(problem + "\n" + report.line());
        });
    }

    /** Stops sampling, after the sample under way; the report stays readable. */
    @Override
    public void close() {
        timer.shutdown();
        try {
            if (!timer.awaitTermination(STOP.toMillis(), TimeUnit.MILLISECONDS)) {
                timer.shutdownNow();
            }
        } catch (InterruptedException e) {
            timer.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** One round over every watched environment; any failure fails the round, which is counted, never hidden. */
    private void sample() {
        List<Watched> environments = List.copyOf(watched.values());
        if (environments.isEmpty()) {
            return;
        }
        try {
            Map<String, Duties> accounts = askRunning(environments);
            Instant at = clock.instant();
            Map<String, List<SampledInstance>> instances = instances(environments, accounts);
            Map<String, String> holders = holders(environments.stream().map(e -> e.allocationId).toList());
            long number = report().samples() + 1;
            for (Watched environment : environments) {
                Sample sample = new Sample(environment.environmentId, at,
                        instances.getOrDefault(environment.environmentId, List.of()), holders.get(environment.allocationId));
                Judge.Verdict verdict = Judge.judge(sample, environment.past);
                environment.past = verdict.next();
                environment.running = sample.instances().stream().filter(i -> "running".equals(i.state())).toList();
                verdict.violation().ifPresent(v -> violated(new Violation(at, number, environment.environmentId, v, sample)));
            }
            sampled(at);
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    /** Each instance's own account, asked before EC2 is read (see {@link Judge} for why that order). */
    private Map<String, Duties> askRunning(List<Watched> environments) {
        Map<String, Duties> accounts = new HashMap<>();
        if (probe == null) {
            return accounts;
        }
        for (Watched environment : environments) {
            for (SampledInstance instance : environment.running) {
                if (instance.privateAddress() != null) {
                    probe.ask(instance.instanceId(), instance.privateAddress())
                            .ifPresent(duties -> accounts.put(instance.instanceId(), duties));
                }
            }
        }
        return accounts;
    }

    private Map<String, List<SampledInstance>> instances(List<Watched> environments, Map<String, Duties> accounts) {
        List<String> ids = environments.stream().map(e -> e.environmentId).toList();
        Map<String, List<SampledInstance>> byEnvironment = new HashMap<>();
        ec2.describeInstancesPaginator(r -> r.filters(f -> f.name("tag:" + ENVIRONMENT_TAG).values(ids)))
                .reservations().forEach(reservation -> {
                    for (Instance instance : reservation.instances()) {
                        byEnvironment.computeIfAbsent(tag(instance, ENVIRONMENT_TAG), e -> new ArrayList<>())
                                .add(new SampledInstance(instance.instanceId(), instance.state().nameAsString(),
                                        tag(instance, ROLE_TAG), instance.privateIpAddress(), accounts.get(instance.instanceId())));
                    }
                });
        return byEnvironment;
    }

    /** Allocation id to the instance the address is associated with; addresses on no instance are left out. */
    private Map<String, String> holders(List<String> allocationIds) {
        Map<String, String> holders = new HashMap<>();
        for (Address address : ec2.describeAddresses(r -> r.allocationIds(allocationIds)).addresses()) {
            if (address.instanceId() != null && !address.instanceId().isEmpty()) {
                holders.put(address.allocationId(), address.instanceId());
            }
        }
        return holders;
    }

    private static String tag(Instance instance, String key) {
        return instance.tags().stream().filter(t -> key.equals(t.key())).map(Tag::value).findFirst().orElse(null);
    }

    private synchronized void sampled(Instant at) {
        samples++;
        if (firstSample == null) {
            firstSample = at;
        }
        lastSample = at;
    }

    private synchronized void violated(Violation violation) {
        if (firstViolation == null) {
            firstViolation = violation;
        }
    }

    private synchronized void failed(RuntimeException e) {
        failedSamples++;
        String code = e instanceof AwsServiceException aws && aws.awsErrorDetails() != null
                ? " " + aws.awsErrorDetails().errorCode() : "";
        lastFailure = e.getClass().getSimpleName() + code + ": " + e.getMessage();
    }
}
