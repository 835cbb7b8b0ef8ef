package io.understudy.system;

import io.understudy.contract.CommandOutcome;
import io.understudy.contract.CommandResult;
import io.understudy.contract.EventMetadata;
import io.understudy.contract.StopInstance;
import io.understudy.kafka.KafkaSettings;
import io.understudy.schemas.access.Principal;
import io.understudy.schemas.serde.AvroSerializer;
import io.understudy.schemas.tags.ResourceTags;
import io.understudy.schemas.topic.Topic;
import io.understudy.testing.CommandAnswers;
import io.understudy.testing.Infrastructure;
import io.understudy.testing.InstancePorts;
import io.understudy.testing.TopicRecords;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Only the orchestrator can make the provisioner stop an instance: a StopInstance from a client without credentials,
 * or from one holding another service's (the health monitor's), is refused by the broker and never reaches the
 * provisioner's topic, so the instance, which is the environment's own, keeps running in EC2. The provisioner runs as
 * an operator runs it, a process with its own principal, consuming its topic; the orchestrator's own StopInstance for
 * another instance of the same environment, sent after the forged ones to the same partition, is carried out: had a
 * forged one reached the topic, the provisioner would have carried it out first.
 */
class ForgedCommandsIT {
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private static Infrastructure infrastructure;
    private static UnderstudyServices provisioner;

    @BeforeAll
    static void startTheProvisioner() throws Exception {
        infrastructure = Infrastructure.get();
        infrastructure.createTopics();
        provisioner = UnderstudyServices.start(infrastructure, InstancePorts.pickFree(),
                Repository.target().resolve("forged-commands-it"), List.of("provisioner"));
    }

    @AfterAll
    static void stopTheProvisioner() {
        if (provisioner != null) {
            provisioner.close();
        }
    }

    @Test
    void aStopInstanceWithoutCredentialsOrWithTheHealthMonitorsIsRefusedAndTheInstanceKeepsRunning() throws Exception {
        String environment = "env-forged-" + UUID.randomUUID().toString().substring(0, 8);
        String victim = runningInstanceOf(environment);
        String control = runningInstanceOf(environment);
        String anonymous = "forged-anonymous-" + UUID.randomUUID();
        String monitors = "forged-by-health-monitor-" + UUID.randomUUID();

        // no credentials: TLS to the broker, but no SASL login, so the broker never answers a request
        assertThatThrownBy(() -> send(withoutCredentials(), stop(environment, anonymous, victim)))
                .hasRootCauseInstanceOf(org.apache.kafka.common.errors.TimeoutException.class)
                .hasRootCauseMessage("Topic " + Topic.PROVISIONER_COMMANDS.topicName + " not present in metadata after 10000 ms.");
        // another service's credentials: logged in as the health monitor, which may write health topics only
        assertThatThrownBy(() -> TopicRecords.of(Topic.PROVISIONER_COMMANDS).as(Principal.HEALTH_MONITOR)
                .send(environment, stop(environment, monitors, victim)))
                .hasRootCauseInstanceOf(TopicAuthorizationException.class)
                .hasRootCauseMessage("Not authorized to access topics: [" + Topic.PROVISIONER_COMMANDS.topicName + "]");

        String genuine = "orchestrators-" + UUID.randomUUID();
        TopicRecords.of(Topic.PROVISIONER_COMMANDS).as(Principal.TAKEOVER_ORCHESTRATOR).send(environment, stop(environment, genuine, control));

        CommandResult result = CommandAnswers.awaitFirst(genuine, DEADLINE);
        assertThat(result.getOutcome()).as("the orchestrator's StopInstance: " + result.getError()).isEqualTo(CommandOutcome.SUCCEEDED);
        assertThat(state(control)).as("the instance the orchestrator stopped").isEqualTo(InstanceStateName.STOPPED);
        assertThat(state(victim)).as("the instance the forged commands named").isEqualTo(InstanceStateName.RUNNING);
        List<String> onTheTopic = TopicRecords.valuesFor(TopicRecords.of(Topic.PROVISIONER_COMMANDS).sofar(DEADLINE), environment)
                .stream().map(c -> ((StopInstance) c).getMeta().getEventId()).toList();
        assertThat(onTheTopic).as("the provisioner's topic").containsExactly(genuine);
        assertThat(TopicRecords.valuesFor(TopicRecords.of(Topic.COMMAND_RESULTS).sofar(DEADLINE), environment))
                .extracting(r -> ((CommandResult) r).getCommandId()).containsExactly(genuine);
    }

    /** An instance that is the environment's own (its tag), which the provisioner would stop on a StopInstance. */
    private static String runningInstanceOf(String environment) {
        String id = infrastructure.ec2().runInstances(r -> r.imageId(TestEnvironment.IMAGE).instanceType("t3.micro")
                .minCount(1).maxCount(1).tagSpecifications(TagSpecification.builder().resourceType(ResourceType.INSTANCE)
                        .tags(Tag.builder().key(ResourceTags.ENVIRONMENT).value(environment).build(),
                                Tag.builder().key(ResourceTags.ROLE).value("app_slave").build()).build()))
                .instances().get(0).instanceId();
        assertThat(state(id)).isEqualTo(InstanceStateName.RUNNING);
        return id;
    }

    private static InstanceStateName state(String instanceId) {
        return infrastructure.ec2().describeInstances(r -> r.instanceIds(instanceId)).reservations().get(0)
                .instances().get(0).state().name();
    }

    private static StopInstance stop(String environment, String commandId, String instanceId) {
        return StopInstance.newBuilder()
                .setMeta(EventMetadata.newBuilder().setEventId(commandId).setEnvironmentId(environment)
                        .setTakeoverId("takeover-" + environment).setCausationId("failure-" + environment)
                        .setOccurredAt(Instant.now()).setProducer("takeover-orchestrator").build())
                .setInstanceId(instanceId).setForce(true).build();
    }

    /** What anyone who reaches the broker has: its address and the authority it trusts, no user of its own. */
    private static Map<String, Object> withoutCredentials() {
        KafkaSettings admin = infrastructure.kafkaSettings(Principal.ADMIN);
        Map<String, Object> config = new HashMap<>(KafkaSettings.of(Map.of(
                KafkaSettings.BOOTSTRAP_SERVERS, infrastructure.bootstrapServers(),
                KafkaSettings.SECURITY_PROTOCOL, "SSL",
                KafkaSettings.SSL_CA_FILE, admin.get(KafkaSettings.SSL_CA_FILE).orElseThrow())).access().clientConfig());
        config.put(AvroSerializer.REGISTRY_URL, infrastructure.registryUrl());
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        return config;
    }

    private static void send(Map<String, Object> config, SpecificRecord command) throws ExecutionException, InterruptedException,
            java.util.concurrent.TimeoutException {
        AvroSerializer values = new AvroSerializer();
        values.configure(config, false);
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(config, new StringSerializer(), values)) {
            producer.send(new ProducerRecord<>(Topic.PROVISIONER_COMMANDS.topicName,
                    ((StopInstance) command).getMeta().getEnvironmentId(), command)).get(30, TimeUnit.SECONDS);
        }
    }
}
