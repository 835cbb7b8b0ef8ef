package io.understudy.system;

import io.understudy.contract.AssociateAddress;
import io.understudy.contract.ElasticIp;
import io.understudy.contract.EnvironmentState;
import io.understudy.contract.RegisterEnvironment;
import io.understudy.contract.RegistrationRefused;
import io.understudy.contract.TakeoverStarted;
import io.understudy.schemas.state.Watching;
import io.understudy.schemas.topic.Topic;
import io.understudy.testing.TopicRecords;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Address;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A registration that names another environment's Elastic IP, end to end with the six services as processes, moto
 * and a real HAProxy on every instance: the provisioner's check refuses it in public (RegistrationRefused), the
 * environment is never watched, and when its master dies nothing happens: the other environment's address stays
 * where it is the whole time, sampled from EC2, and no pivot is ever sent for the refused environment.
 */
class OwnershipIT {
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    /** Long enough for a watched environment's failure to be declared and its takeover to start (a second or two). */
    private static final Duration NOTHING_HAPPENS_FOR = Duration.ofSeconds(10);

    @RegisterExtension
    static final UnderstudyRun run = UnderstudyRun.everyService(workDir());

    private static TestEnvironment environment() throws Exception {
        TestEnvironment environment = run.newEnvironment();
        return environment;
    }

    private static Path workDir() {
        return Repository.target().resolve("ownership-it");
    }

    /** Where an address is, as EC2 says: the instance and the association id (a new one on every move). */
    private record Association(String instanceId, String associationId) {
        static Association of(Address address) {
            return new Association(address.instanceId(), address.associationId());
        }
    }

    @Test
    void aRegistrationNamingAnotherEnvironmentsElasticIpIsRefusedAndTheAddressNeverMoves() throws Exception {
        TestEnvironment owner = environment();
        TopicRecords.of(Topic.OPERATOR_COMMANDS).send(owner.id, owner.registration());
        TopicRecords.awaitWatched(owner.id, DEADLINE);
        TestEnvironment intruder = environment();
        RegisterEnvironment naming = intruder.registration();
        naming.setElasticIp(ElasticIp.newBuilder().setAllocationId(owner.allocationId).setPublicIp(owner.publicIp).build());

        try (Ec2Client ec2 = run.infrastructure().newEc2Client(); AddressSamples samples = AddressSamples.start(ec2, owner.allocationId)) {
            TopicRecords.of(Topic.OPERATOR_COMMANDS).send(intruder.id, naming);

            RegistrationRefused refused = awaitRefusal(intruder.id);
            assertThat(refused.getReason()).as("the reason an operator reads")
                    .contains(owner.allocationId + " carries understudy:environment=" + owner.id + ", not " + intruder.id);

            intruder.apps.get(intruder.masterId).kill();
            await("nothing done for " + intruder.id + " whose master died").during(NOTHING_HAPPENS_FOR)
                    .atMost(NOTHING_HAPPENS_FOR.plusSeconds(20)).pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        run.invariants().failOnViolation();
                        return nothingDoneFor(intruder.id) && samples.moves().isEmpty();
                    });

            assertThat(samples.count()).as("samples of " + owner.allocationId + " taken").isGreaterThan(20);
            assertThat(samples.moves()).as("associations of " + owner.allocationId + " other than the first").isEmpty();
            assertThat(samples.first().instanceId()).as("holder of " + owner.allocationId).isEqualTo(owner.masterId);
            System.out.printf("OwnershipIT: %d samples of %s over the run, all on %s%n", samples.count(),
                    owner.allocationId, owner.masterId);
        }
        assertThat(stateOf(intruder.id)).as("states of " + intruder.id).noneMatch(Watching::watched);
        assertThat(TopicRecords.valuesFor(TopicRecords.of(Topic.IP_COMMANDS).sofar(Duration.ofSeconds(5)), intruder.id))
                .as("commands sent to ip-manager for " + intruder.id).noneMatch(AssociateAddress.class::isInstance);
        run.invariants().assertHeld();
    }

    private static RegistrationRefused awaitRefusal(String environmentId) {
        return TopicRecords.valuesFor(TopicRecords.of(Topic.TAKEOVER_EVENTS).await(all ->
                        TopicRecords.valuesFor(all, environmentId).stream().anyMatch(RegistrationRefused.class::isInstance),
                DEADLINE), environmentId).stream()
                .filter(RegistrationRefused.class::isInstance).map(RegistrationRefused.class::cast).findFirst().orElseThrow();
    }

    /** No takeover started for the environment, and no command sent to ip-manager for it. */
    private static boolean nothingDoneFor(String environmentId) {
        List<SpecificRecord> events = TopicRecords.valuesFor(TopicRecords.of(Topic.TAKEOVER_EVENTS).sofar(Duration.ofSeconds(2)),
                environmentId);
        List<SpecificRecord> pivots = TopicRecords.valuesFor(TopicRecords.of(Topic.IP_COMMANDS).sofar(Duration.ofSeconds(2)),
                environmentId);
        assertThat(events).as("public events of " + environmentId).noneMatch(TakeoverStarted.class::isInstance);
        assertThat(pivots).as("commands sent to ip-manager for " + environmentId).isEmpty();
        return true;
    }

    private static List<EnvironmentState> stateOf(String environmentId) {
        return TopicRecords.valuesFor(TopicRecords.of(Topic.ENVIRONMENT_STATE).sofar(Duration.ofSeconds(5)), environmentId)
                .stream().filter(EnvironmentState.class::isInstance).map(EnvironmentState.class::cast).toList();
    }

    /** DescribeAddresses of one address every 50 ms for as long as it is open: every association EC2 showed. */
    private static final class AddressSamples implements AutoCloseable {
        private final List<Association> seen = new CopyOnWriteArrayList<>();
        private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();

        static AddressSamples start(Ec2Client ec2, String allocationId) {
            AddressSamples samples = new AddressSamples();
            samples.seen.add(Association.of(ec2.describeAddresses(r -> r.allocationIds(allocationId)).addresses().get(0)));
            samples.sampler.scheduleWithFixedDelay(() -> samples.seen.add(Association.of(
                    ec2.describeAddresses(r -> r.allocationIds(allocationId)).addresses().get(0))), 0, 50, TimeUnit.MILLISECONDS);
            return samples;
        }

        Association first() {
            return seen.get(0);
        }

        int count() {
            return seen.size();
        }

        List<Association> moves() {
            return seen.stream().filter(a -> !a.equals(first())).distinct().toList();
        }

        @Override
        public void close() throws InterruptedException {
            sampler.shutdownNow();
            sampler.awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
