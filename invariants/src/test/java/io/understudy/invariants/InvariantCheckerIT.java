package io.understudy.invariants;

import io.understudy.testing.Infrastructure;
import io.understudy.testing.faults.Faults;
import io.understudy.testing.faults.FaultyEc2Proxy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DomainType;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The checker against moto's EC2 server: instances, tags and an Elastic IP changed by the test the way a takeover
 * (or a broken one) changes them, each test in an environment of its own.
 */
class InvariantCheckerIT {
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final Duration INTERVAL = InvariantChecker.INTERVAL;

    private final Ec2Client ec2 = Infrastructure.get().ec2();
    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void closeEverything() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
    }

    /** A master holding the Elastic IP and one slave, both running, under a fresh environment tag. */
    private record Environment(String id, String master, String slave, String allocationId) {
    }

    private Environment environment() {
        String id = "inv-" + UUID.randomUUID().toString().substring(0, 8);
        String master = run(id, "app_master");
        String slave = run(id, "app_slave");
        String allocationId = ec2.allocateAddress(r -> r.domain(DomainType.VPC)).allocationId();
        ec2.associateAddress(r -> r.allocationId(allocationId).instanceId(master));
        return new Environment(id, master, slave, allocationId);
    }

    private String run(String environment, String role) {
        return ec2.runInstances(r -> r.imageId("ami-12c6146b").instanceType("t3.micro").minCount(1).maxCount(1)
                .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.INSTANCE).tags(
                        tag("understudy:environment", environment), tag("understudy:role", role)).build()))
                .instances().get(0).instanceId();
    }

    private void role(String instance, String role) {
        ec2.createTags(r -> r.resources(instance).tags(tag("understudy:role", role)));
    }

    private void moveAddress(Environment environment, String instance) {
        ec2.associateAddress(r -> r.allocationId(environment.allocationId()).instanceId(instance).allowReassociation(true));
    }

    private InvariantChecker checker(Ec2Client client, DutiesProbe probe) {
        InvariantChecker checker = InvariantChecker.start(client, INTERVAL, probe);
        opened.add(checker);
        return checker;
    }

    private static void awaitSamples(InvariantChecker checker, long atLeast) {
        await("at least " + atLeast + " samples").atMost(DEADLINE).pollInterval(Duration.ofMillis(20))
                .failFast("a violation", () -> checker.firstViolation().isPresent())
                .until(() -> checker.report().samples() >= atLeast);
    }

    private static Violation awaitViolation(InvariantChecker checker) {
        return await("a violation").atMost(DEADLINE).pollInterval(Duration.ofMillis(10))
                .until(checker::firstViolation, Optional::isPresent).orElseThrow();
    }

    @Test
    void countsSamplesWhileNothingIsWrong() {
        Environment environment = environment();
        InvariantChecker checker = checker(ec2, null);
        checker.watch(environment.id(), environment.allocationId());

        awaitSamples(checker, 20);
        checker.close();

        Report report = checker.report();
        System.out.println(report.line());
        assertThat(report.failedSamples()).as("failed samples, last: %s", report.lastFailure()).isZero();
        assertThat(report.environments()).isEqualTo(1);
        assertThat(report.span()).isGreaterThanOrEqualTo(INTERVAL.multipliedBy(10));
        assertThat(report.violation()).isEmpty();
        checker.assertHeld();
    }

    @Test
    void catchesASecondMasterTagWithinTwoSamples() {
        Environment environment = environment();
        InvariantChecker checker = checker(ec2, null);
        checker.watch(environment.id(), environment.allocationId());
        awaitSamples(checker, 3);

        Instant tagging = Instant.now();
        role(environment.slave(), "app_master");
        long samplesWhenTagged = checker.report().samples();

        Violation violation = awaitViolation(checker);
        System.out.println(checker.report().line() + "; seen " + Duration.between(tagging, violation.at()).toMillis()
                + " ms after the second master tag was sent, in sample " + violation.sampleNumber()
                + " (" + samplesWhenTagged + " taken when it was answered)");
        // the sample under way when the tag was answered may have read EC2 before it; the next one cannot have
        assertThat(violation.sampleNumber()).isLessThanOrEqualTo(samplesWhenTagged + 2);
        assertThat(violation.environmentId()).isEqualTo(environment.id());
        assertThat(violation.description()).startsWith("2 instances hold master duties at once")
                .contains(environment.master()).contains(environment.slave());
        assertThat(violation.sample().instances()).extracting(SampledInstance::role).containsOnly("app_master");
        assertThatThrownBy(checker::assertHeld).isInstanceOf(AssertionError.class)
                .hasMessageContaining(environment.slave()).hasMessageContaining("VIOLATION");
    }

    @Test
    void catchesTheAddressMovedBackOntoTheFencedMasterAfterAPivot() {
        Environment environment = environment();
        InvariantChecker checker = checker(ec2, null);
        checker.watch(environment.id(), environment.allocationId());
        awaitSamples(checker, 2);

        // a correct takeover: fence (tag, stop), pivot, role
        role(environment.master(), "fenced");
        ec2.stopInstances(r -> r.instanceIds(environment.master()).force(true));
        awaitSamples(checker, checker.report().samples() + 2);
        moveAddress(environment, environment.slave());
        awaitSamples(checker, checker.report().samples() + 2);
        role(environment.slave(), "app_master");
        awaitSamples(checker, checker.report().samples() + 2);
        assertThat(checker.firstViolation()).as("violations of a correct takeover").isEmpty();

        moveAddress(environment, environment.master());

        Violation violation = awaitViolation(checker);
        System.out.println(checker.report().line());
        assertThat(violation.description()).isEqualTo("the Elastic IP moved from " + environment.slave() + " onto "
                + environment.master() + " (stopped, tagged fenced), a fenced instance");
        assertThat(violation.sample().addressHolder()).isEqualTo(environment.master());
    }

    @Test
    void asksTheRunningInstancesAboutThemselvesAndSetsTheirAccountsAgainstTheTags() {
        Environment environment = environment();
        String stopped = run(environment.id(), "app_slave");
        ec2.stopInstances(r -> r.instanceIds(stopped));
        Set<String> asked = ConcurrentHashMap.newKeySet();
        Set<String> claimingCron = ConcurrentHashMap.newKeySet();
        InvariantChecker checker = checker(ec2, (instance, address) -> {
            asked.add(instance);
            assertThat(address).as("private address of " + instance).isNotBlank();
            return Optional.of(new Duties(claimingCron.contains(instance)));
        });
        checker.watch(environment.id(), environment.allocationId());
        awaitSamples(checker, 5);
        assertThat(asked).as("instances asked").containsExactlyInAnyOrder(environment.master(), environment.slave());

        claimingCron.add(environment.slave());

        Violation violation = awaitViolation(checker);
        System.out.println(checker.report().line());
        assertThat(violation.description()).startsWith("2 instances hold master duties at once")
                .contains(environment.slave() + " (running, tagged app_slave, says it runs cron)");
        assertThat(asked).doesNotContain(stopped);
    }

    @Test
    void countsFailedSamplesAndDoesNotCallThemHeld() {
        Environment environment = environment();
        FaultyEc2Proxy proxy = FaultyEc2Proxy.start(Infrastructure.get().ec2Endpoint(), Faults.none());
        opened.add(proxy);
        Ec2Client throughProxy = Ec2Client.builder().region(Infrastructure.REGION)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                .endpointOverride(URI.create(proxy.endpoint())).httpClientBuilder(ApacheHttpClient.builder())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
        opened.add(throughProxy);
        InvariantChecker checker = checker(throughProxy, null);
        checker.watch(environment.id(), environment.allocationId());
        awaitSamples(checker, 2);

        proxy.failWhen("DescribeInstances", form -> true, "Unavailable", 503);

        await("samples failing").atMost(DEADLINE).pollInterval(Duration.ofMillis(20))
                .until(() -> checker.report().failedSamples() > checker.report().samples());
        checker.close();
        Report report = checker.report();
        System.out.println(report.line());
        assertThat(report.lastFailure()).contains("Unavailable");
        assertThat(report.violation()).isEmpty();
        assertThatThrownBy(checker::assertHeld).isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("most of the invariant checker's samples failed");
    }

    @Test
    void refusesAnAddressEc2DoesNotKnowAndAnEnvironmentWatchedTwice() {
        Environment environment = environment();
        InvariantChecker checker = checker(ec2, null);

        assertThatThrownBy(() -> checker.watch(environment.id(), "eipalloc-0123456789abcdef0"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("eipalloc-0123456789abcdef0")
                .hasMessageContaining(environment.id());
        checker.watch(environment.id(), environment.allocationId());
        assertThatThrownBy(() -> checker.watch(environment.id(), environment.allocationId()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("watched already");
        assertThatThrownBy(() -> InvariantChecker.start(ec2, Duration.ZERO, null)).isInstanceOf(IllegalArgumentException.class);
    }

    private static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }
}
