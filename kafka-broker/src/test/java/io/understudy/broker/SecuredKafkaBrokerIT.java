package io.understudy.broker;

import io.understudy.kafka.KafkaSettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A secured broker lets in its users only, and each only to what its ACLs allow; its data and passwords outlive it. */
class SecuredKafkaBrokerIT {
    private static final String TOPIC = "orders";
    private static final Path DIR = Path.of("target", "secured-broker-" + UUID.randomUUID());
    private static KafkaBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = KafkaBroker.startSecured(DIR, access(List.of()));
        try (Admin admin = Admin.create(config("admin", Map.of()))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    /**
     * writer may write the topic, transactionally too; reader may read it in its own groups; elsewhere may write
     * another topic only; stranger may nothing.
     */
    private static BrokerAccess access(List<AclBinding> more) {
        List<AclBinding> acls = new ArrayList<>(more);
        acls.add(allow("writer", ResourceType.TOPIC, TOPIC, PatternType.LITERAL, AclOperation.WRITE));
        acls.add(allow("writer", ResourceType.TRANSACTIONAL_ID, "writer", PatternType.PREFIXED, AclOperation.WRITE));
        acls.add(allow("reader", ResourceType.TOPIC, TOPIC, PatternType.LITERAL, AclOperation.READ));
        acls.add(allow("reader", ResourceType.GROUP, "reader", PatternType.PREFIXED, AclOperation.READ));
        acls.add(allow("elsewhere", ResourceType.TOPIC, "elsewhere", PatternType.LITERAL, AclOperation.WRITE));
        return new BrokerAccess("admin", List.of("writer", "reader", "elsewhere", "stranger"), acls);
    }

    @Test
    void aUserWritesWhatItsAclsAllowAndAnotherReadsIt() throws Exception {
        String key = "k-" + UUID.randomUUID();

        send(config("writer", Map.of()), TOPIC, key);

        assertThat(readKeys("reader", "reader-" + UUID.randomUUID())).contains(key);
    }

    @Test
    void aTransactionCommitsUnderTheAuthorizerForAUserAllowedItsTransactionalIds() {
        String key = "tx-" + UUID.randomUUID();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config("writer",
                Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "writer-" + UUID.randomUUID(), ProducerConfig.MAX_BLOCK_MS_CONFIG, 20_000)))) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(TOPIC, key, "committed"));
            producer.commitTransaction();
        }

        assertThat(readKeys("reader", "reader-" + UUID.randomUUID())).contains(key);
    }

    @Test
    void aUserAllowedToWriteAnotherTopicIsRefusedThisOne() {
        assertThatThrownBy(() -> send(config("elsewhere", Map.of()), TOPIC, "forged"))
                .hasCauseInstanceOf(TopicAuthorizationException.class)
                .hasMessageContaining("Not authorized to access topics: [" + TOPIC + "]");
    }

    /**
     * An idempotent producer (Kafka's default) also asks for a producer id, which needs the right to write somewhere:
     * whichever refusal comes first, the topic's or the cluster's, ends the send.
     */
    @Test
    void aUserAllowedToWriteNothingIsRefused() {
        for (String user : List.of("stranger", "reader")) {
            assertThatThrownBy(() -> send(config(user, Map.of()), TOPIC, "forged")).as(user)
                    .hasCauseInstanceOf(AuthorizationException.class);
        }
    }

    @Test
    void aWrongPasswordIsRefusedAtLogin() {
        Map<String, Object> config = new HashMap<>(broker.clientSettings("writer")
                .with(KafkaSettings.SASL_PASSWORD, "guessed").access().clientConfig());

        assertThatThrownBy(() -> send(producerConfig(config), TOPIC, "forged"))
                .hasCauseInstanceOf(SaslAuthenticationException.class)
                .hasMessageContaining("invalid credentials");
    }

    @Test
    void aClientWithoutCredentialsGetsNoAnswerAtAll() {
        Map<String, Object> tlsOnly = producerConfig(KafkaSettings.of(Map.of(
                KafkaSettings.BOOTSTRAP_SERVERS, broker.bootstrapServers(), KafkaSettings.SECURITY_PROTOCOL, "SSL",
                KafkaSettings.SSL_CA_FILE, broker.clientFiles().orElseThrow().caCertificate().toString())).access().clientConfig());
        Map<String, Object> plaintext = producerConfig(KafkaSettings.of(Map.of(
                KafkaSettings.BOOTSTRAP_SERVERS, broker.bootstrapServers())).access().clientConfig());

        for (Map<String, Object> config : List.of(tlsOnly, plaintext)) {
            assertThatThrownBy(() -> send(config, TOPIC, "anonymous"))
                    .hasCauseInstanceOf(org.apache.kafka.common.errors.TimeoutException.class)
                    .hasMessageContaining("not present in metadata");
        }
    }

    @Test
    void everyUsersSettingsAreLeftInItsOwnFileOnlyItsOwnerReads() throws Exception {
        for (String user : List.of("admin", "writer", "reader", "elsewhere", "stranger")) {
            Path file = broker.clientFiles().orElseThrow().settings(user);
            assertThat(KafkaSettings.load(file)).isEqualTo(broker.clientSettings(user));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }
        assertThat(Files.readString(broker.clientFiles().orElseThrow().caCertificate())).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(broker.clientSettings("writer").get(KafkaSettings.SASL_PASSWORD)).isNotEqualTo(broker.clientSettings("reader").get(KafkaSettings.SASL_PASSWORD));
    }

    @Test
    void startedAgainOnItsDataItKeepsThePasswordsAndTheRecordsAndTakesTheAclsAsTheyAreNow() throws Exception {
        Path dir = Path.of("target", "secured-broker-restart-" + UUID.randomUUID());
        AclBinding extra = allow("stranger", ResourceType.TOPIC, TOPIC, PatternType.LITERAL, AclOperation.WRITE);
        KafkaSettings before;
        try (KafkaBroker first = KafkaBroker.startSecured(dir, access(List.of(extra)))) {
            before = first.clientSettings("stranger");
            try (Admin admin = Admin.create(first.clientSettings("admin").access().clientConfig())) {
                admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
            send(producerConfig(before.access().clientConfig()), TOPIC, "first-run");
        }

        try (KafkaBroker second = KafkaBroker.startSecured(dir, access(List.of()))) {
            KafkaSettings after = second.clientSettings("stranger");
            assertThat(after.get(KafkaSettings.SASL_PASSWORD)).isEqualTo(before.get(KafkaSettings.SASL_PASSWORD));
            assertThatThrownBy(() -> send(producerConfig(after.access().clientConfig()), TOPIC, "second-run"))
                    .as("the ACL the second start no longer has is gone")
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig(second.clientSettings("reader")
                    .access().clientConfig(), "reader-" + UUID.randomUUID()))) {
                assertThat(keys(consumer)).contains("first-run");
            }
        }
    }

    @Test
    void dataOfABrokerWithoutSecurityIsRefusedWithWhatToDo() {
        Path dir = Path.of("target", "plaintext-broker-" + UUID.randomUUID());
        KafkaBroker.start(dir).close();

        assertThatThrownBy(() -> KafkaBroker.startSecured(dir, access(List.of())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("was made by a broker without security")
                .hasMessageContaining("remove the directory");
    }

    private static AclBinding allow(String user, ResourceType type, String name, PatternType pattern, AclOperation operation) {
        return new AclBinding(new ResourcePattern(type, name, pattern),
                new AccessControlEntry("User:" + user, "*", operation, AclPermissionType.ALLOW));
    }

    private static Map<String, Object> config(String user, Map<String, Object> extra) {
        Map<String, Object> config = producerConfig(broker.clientSettings(user).access().clientConfig());
        config.putAll(extra);
        return config;
    }

    private static Map<String, Object> producerConfig(Map<String, Object> base) {
        Map<String, Object> config = new HashMap<>(base);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        return config;
    }

    private static void send(Map<String, Object> config, String topic, String key) throws ExecutionException, InterruptedException,
            java.util.concurrent.TimeoutException {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            producer.send(new ProducerRecord<>(topic, key, "value")).get(30, TimeUnit.SECONDS);
        }
    }

    private static List<String> readKeys(String user, String group) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig(broker.clientSettings(user).access()
                .clientConfig(), group))) {
            return keys(consumer);
        }
    }

    private static Map<String, Object> consumerConfig(Map<String, Object> base, String group) {
        Map<String, Object> config = new HashMap<>(base);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        return config;
    }

    /** Everything committed to the topic, read to the end offsets the broker gives now. */
    private static List<String> keys(KafkaConsumer<String, String> consumer) {
        consumer.subscribe(List.of(TOPIC));
        List<String> keys = new ArrayList<>();
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                keys.add(record.key());
            }
            if (!consumer.assignment().isEmpty() && consumer.assignment().stream()
                    .allMatch(p -> consumer.position(p) >= consumer.endOffsets(List.of(p)).get(p))) {
                return keys;
            }
        }
        throw new AssertionError("could not read " + TOPIC + " to its end within 30 s; read " + keys);
    }
}
