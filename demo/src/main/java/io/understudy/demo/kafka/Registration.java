package io.understudy.demo.kafka;

import io.understudy.contract.ElasticIp;
import io.understudy.contract.EnvironmentState;
import io.understudy.contract.EventMetadata;
import io.understudy.contract.Instance;
import io.understudy.contract.InstanceStatus;
import io.understudy.contract.RegisterEnvironment;
import io.understudy.contract.Role;
import io.understudy.demo.environment.AppInstance;
import io.understudy.demo.environment.DemoEnvironment;
import io.understudy.schemas.access.Principal;
import io.understudy.schemas.serde.AvroDeserializer;
import io.understudy.schemas.state.Watching;
import io.understudy.schemas.topic.Topic;
import io.understudy.schemas.topic.TopicCreator;
import io.understudy.signatures.OperatorKey;
import io.understudy.signatures.SignedOperatorCommands;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.UUID;

/**
 * Puts the demo's environment under Understudy's watch the way an operator does: a {@code RegisterEnvironment}
 * on {@code understudy.operator-commands}, then waits until the orchestrator publishes the environment's state,
 * which is what the health monitor reads to know what to probe.
 */
public final class Registration {
    private final KafkaAddresses kafka;

    public Registration(KafkaAddresses kafka) {
        this.kafka = kafka;
    }

    /** Every topic of the contract, so the demo can follow them before any service has written: the broker's administrator's job. */
    public void createTopics() {
        try (Admin admin = Admin.create(kafka.clientConfig(Principal.ADMIN))) {
            new TopicCreator(admin, Topic.DEFAULT_PARTITIONS, (short) 1).ensure(Arrays.asList(Topic.values()));
        }
    }

    /**
     * As the operator: the one principal allowed to write operator commands, signed with the dev stack's operator
     * certificate, without which the orchestrator does not act on it.
     */
    public void register(DemoEnvironment environment) {
        Map<String, Object> config = kafka.clientConfig(Principal.OPERATOR);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        OperatorKey operator = kafka.operator().operatorKey();
        SignedOperatorCommands.send(config, Topic.OPERATOR_COMMANDS.topicName, environment.id(),
                command(environment, operator.principal()), operator, Duration.ofSeconds(30));
    }

    /** Waits until the orchestrator has checked the registration against the cloud and taken it in. */
    public void awaitWatched(String environmentId, Duration timeout) {
        if (awaitState(environmentId, Watching::watched, timeout).isEmpty()) {
            throw new IllegalStateException("the takeover orchestrator did not take in the registration of " + environmentId
                    + " within " + timeout.toSeconds() + " s: are it and the provisioner running, and do the environment's"
                    + " instances, volumes and Elastic IP carry its tag? (see their logs)");
        }
    }

    /**
     * Follows the orchestrator's state of the environment from the start of the compacted topic until its latest
     * revision satisfies {@code condition}; empty if it has not within {@code timeout}.
     */
    public Optional<EnvironmentState> awaitState(String environmentId, Predicate<EnvironmentState> condition, Duration timeout) {
        Map<String, Object> config = kafka.clientConfig(Principal.OPERATOR);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        AvroDeserializer values = new AvroDeserializer();
        values.configure(config, false);
        long deadline = System.nanoTime() + timeout.toNanos();
        EnvironmentState latest = null;
        try (KafkaConsumer<String, SpecificRecord> consumer = new KafkaConsumer<>(config, new StringDeserializer(), values)) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topic.ENVIRONMENT_STATE.topicName, timeout).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (System.nanoTime() < deadline) {
                try {
                    for (var record : consumer.poll(Duration.ofMillis(100))) {
                        if (environmentId.equals(record.key()) && record.value() instanceof EnvironmentState state
                                && (latest == null || state.getRevision() >= latest.getRevision())) {
                            latest = state;
                        }
                    }
                } catch (RecordDeserializationException poison) {
                    consumer.seek(poison.topicPartition(), poison.offset() + 1);
                }
                if (latest != null && condition.test(latest)) {
                    return Optional.of(latest);
                }
            }
        }
        return Optional.empty();
    }

    static RegisterEnvironment command(DemoEnvironment environment, String producer) {
        List<Instance> instances = environment.instances().stream().map(i -> instance(environment, i)).toList();
        return RegisterEnvironment.newBuilder()
                .setMeta(EventMetadata.newBuilder().setEventId(UUID.randomUUID().toString())
                        .setEnvironmentId(environment.id()).setOccurredAt(Instant.now()).setProducer(producer).build())
                .setStackVersion(environment.stackVersion()).setImageId(environment.imageId())
                .setElasticIp(ElasticIp.newBuilder().setAllocationId(environment.allocationId()).setPublicIp(environment.publicIp()).build())
                .setRequiredCapacity(environment.requiredCapacity()).setDataDevice(environment.dataDevice())
                .setSubnets(environment.subnetsByZone())
                .setInstances(instances).build();
    }

    private static Instance instance(DemoEnvironment environment, AppInstance instance) {
        return Instance.newBuilder().setInstanceId(instance.instanceId())
                .setRole(instance.master() ? Role.APP_MASTER : Role.APP_SLAVE)
                .setPrivateAddress(instance.privateAddress()).setAvailabilityZone(instance.zone())
                .setStackVersion(environment.stackVersion()).setImageId(environment.imageId())
                .setDataVolumeId(instance.master() ? environment.dataVolumeId() : null)
                .setStatus(InstanceStatus.RUNNING).build();
    }
}
