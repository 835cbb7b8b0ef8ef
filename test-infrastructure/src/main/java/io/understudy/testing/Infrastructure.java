package io.understudy.testing;

import io.understudy.broker.BrokerAccess;
import io.understudy.broker.KafkaBroker;
import io.understudy.kafka.KafkaSettings;
import io.understudy.registry.EmbeddedSchemaRegistry;
import io.understudy.schemas.access.AccessControl;
import io.understudy.schemas.access.Principal;
import io.understudy.schemas.serde.AvroSerializer;
import io.understudy.schemas.topic.Topic;
import io.understudy.schemas.topic.TopicCreator;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real infrastructure integration tests share within one JVM: a KRaft broker and the schema registry
 * (started on the first {@link #get()}), and moto's EC2 server (started on the first EC2 call, so tests that
 * need only Kafka do not need moto installed). Everything stops at JVM exit, also when tests fail. Data lives
 * under {@code target/infrastructure-<pid>} of the module whose tests run.
 * <p>
 * The broker is secured as Understudy's is everywhere: SASL_SSL, one principal per service and the ACLs of
 * {@link AccessControl}. A client reaches it as a {@link Principal} ({@link #kafkaConfig(Principal)},
 * {@link #kafkaSettings(Principal)}); test clients that act for no one in particular are the administrator
 * ({@link #kafkaConfig()}). {@code -Dunderstudy.kafka.insecure=true} runs a plaintext broker without access control
 * instead, where every principal's settings are the address alone.
 */
public final class Infrastructure implements AutoCloseable {
    public static final Region REGION = Region.US_EAST_1;
    /** The system property that asks for a plaintext broker without access control. */
    public static final String INSECURE = "understudy.kafka.insecure";
    private static final Path ROOT = Path.of("target", "infrastructure-" + ProcessHandle.current().pid()).toAbsolutePath();
    private static final AtomicInteger WORK_DIRS = new AtomicInteger();
    private static Infrastructure instance;

    private final KafkaBroker broker;
    private final EmbeddedSchemaRegistry registry;
    private MotoServer moto;
    private Ec2Client ec2;
    private KafkaProducer<String, SpecificRecord> producer;
    private KafkaProducer<byte[], byte[]> rawProducer;
    private boolean topicsCreated;

    private Infrastructure(KafkaBroker broker, EmbeddedSchemaRegistry registry) {
        this.broker = broker;
        this.registry = registry;
    }

    /** The JVM's one instance, started on first use. */
    public static synchronized Infrastructure get() {
        if (instance == null) {
            KafkaBroker broker = Boolean.getBoolean(INSECURE) ? KafkaBroker.start(ROOT.resolve("kafka"))
                    : KafkaBroker.startSecured(ROOT.resolve("kafka"), new BrokerAccess(Principal.ADMIN.userName,
                    AccessControl.users(), AccessControl.bindings()));
            EmbeddedSchemaRegistry registry;
            try {
                registry = EmbeddedSchemaRegistry.start(broker.clientSettings(Principal.SCHEMA_REGISTRY.userName));
            } catch (RuntimeException e) {
                broker.close();
                throw e;
            }
            instance = new Infrastructure(broker, registry);
            ShutdownHook.register(instance);
        }
        return instance;
    }

    /**
     * A fresh directory {@code target/infrastructure-<pid>/<name>-<n>} for a test's files (HAProxy configs,
     * sockets, logs); starts nothing.
     */
    public static Path workDir(String name) {
        Path dir = ROOT.resolve(name + "-" + WORK_DIRS.incrementAndGet());
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /**
     * The registry with its writer's credentials as user info, {@code http://registry-writer:...@127.0.0.1:port}: what
     * services and tests that register schemas are given. The suite's registry is secured as by default (reads
     * authenticated too); {@link #registryReaderUrl()} is the read-only one, {@link #registryAddress()} has no credentials.
     */
    public String registryUrl() {
        return registry.writerUrl();
    }

    /** The registry with its reader's credentials: enough to deserialize, refused (403) when registering. */
    public String registryReaderUrl() {
        return registry.readerUrl();
    }

    /** The registry's address alone, no credentials: refused (401) for writes and, on the suite's registry, reads. */
    public String registryAddress() {
        return registry.url();
    }

    /** The suite's registry, for the credentials themselves ({@code access().writer()}, ...). */
    public EmbeddedSchemaRegistry registry() {
        return registry;
    }

    /** Whether the broker takes SASL_SSL only and enforces ACLs (the default), or is plaintext and open. */
    public boolean secured() {
        return broker.secured();
    }

    /** A test client's configuration, as the administrator (allowed everything), with {@code schema.registry.url}. */
    public Map<String, Object> kafkaConfig() {
        return kafkaConfig(Principal.ADMIN);
    }

    /**
     * A client's configuration as {@code principal}, allowed what its ACLs allow, with {@code schema.registry.url}
     * (the reader's for the subscriber, the writer's for everyone else): a fresh copy, add what the client needs.
     */
    public Map<String, Object> kafkaConfig(Principal principal) {
        Map<String, Object> config = kafkaSettings(principal).access().clientConfig();
        config.put(AvroSerializer.REGISTRY_URL, principal == Principal.SUBSCRIBER ? registryReaderUrl() : registryUrl());
        return config;
    }

    /**
     * The {@code kafka.*} settings that reach the broker as {@code principal}: as Micronaut properties of a service
     * run in this JVM ({@link KafkaSettings#asMap()}), or environment variables of one run as a process
     * ({@link KafkaSettings#asEnvironment()}).
     */
    public KafkaSettings kafkaSettings(Principal principal) {
        return broker.clientSettings(principal.userName);
    }

    /** {@link #kafkaSettings(Principal)} as the {@code kafka.*} properties of a Micronaut service run in this JVM. */
    public Map<String, Object> kafkaProperties(Principal principal) {
        return new HashMap<>(kafkaSettings(principal).asMap());
    }

    /** A properties file of {@link #kafkaSettings(Principal)}, e.g. for {@code --kafka-config} of the command line. */
    public synchronized Path kafkaSettingsFile(Principal principal) {
        Path file = ROOT.resolve("kafka-clients").resolve(principal.userName + ".properties");
        if (!Files.exists(file)) {
            kafkaSettings(principal).write(file, "Kafka access of " + principal.userName + " in this test run");
        }
        return file;
    }

    /** Creates every topic of the contract that does not exist yet, one replica, the services' default partitions. */
    public synchronized void createTopics() {
        if (topicsCreated) {
            return;
        }
        try (Admin admin = Admin.create(kafkaSettings(Principal.ADMIN).access().clientConfig())) {
            new TopicCreator(admin, Topic.DEFAULT_PARTITIONS, (short) 1).ensure(Arrays.asList(Topic.values()));
        }
        topicsCreated = true;
    }

    public synchronized MotoServer moto() {
        if (moto == null) {
            moto = MotoServer.start(ROOT);
        }
        return moto;
    }

    public String ec2Endpoint() {
        return moto().endpoint();
    }

    /** EC2 client on moto: us-east-1, dummy static credentials. Shared: do not close it. */
    public synchronized Ec2Client ec2() {
        if (ec2 == null) {
            ec2 = newEc2Client();
        }
        return ec2;
    }

    /** An EC2 client on moto of the caller's own, configured as {@link #ec2()}; the caller closes it. */
    public Ec2Client newEc2Client() {
        return Ec2Client.builder()
                .region(REGION)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                .endpointOverride(URI.create(ec2Endpoint()))
                .httpClientBuilder(ApacheHttpClient.builder())
                .build();
    }

    /**
     * As the administrator, through one producer kept for the run; as anyone else, through a producer of the send's
     * own, since a refused producer may be unusable afterwards (a producer id refused is fatal to it).
     */
    synchronized void send(Principal principal, String topic, String key, SpecificRecord value) {
        if (principal != Principal.ADMIN) {
            try (KafkaProducer<String, SpecificRecord> own = new KafkaProducer<>(producerConfig(principal), new StringSerializer(), serializer())) {
                await(own, new ProducerRecord<>(topic, key, value));
            }
            return;
        }
        if (producer == null) {
            producer = new KafkaProducer<>(producerConfig(principal), new StringSerializer(), serializer());
        }
        await(producer, new ProducerRecord<>(topic, key, value));
    }

    synchronized void sendRaw(Principal principal, String topic, byte[] key, byte[] value) {
        sendRaw(principal, new ProducerRecord<>(topic, key, value));
    }

    synchronized void sendRaw(Principal principal, ProducerRecord<byte[], byte[]> record) {
        if (principal != Principal.ADMIN) {
            try (KafkaProducer<byte[], byte[]> own = new KafkaProducer<>(producerConfig(principal), new ByteArraySerializer(), new ByteArraySerializer())) {
                await(own, record);
            }
            return;
        }
        if (rawProducer == null) {
            rawProducer = new KafkaProducer<>(producerConfig(principal), new ByteArraySerializer(), new ByteArraySerializer());
        }
        await(rawProducer, record);
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close();
        }
        if (rawProducer != null) {
            rawProducer.close();
        }
        if (ec2 != null) {
            ec2.close();
        }
        if (moto != null) {
            moto.close();
        }
        registry.close();
        broker.close();
    }

    private Map<String, Object> producerConfig(Principal principal) {
        Map<String, Object> config = new HashMap<>(kafkaConfig(principal));
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        // a refusal comes back at once; what is left of 30 s is the broker not answering
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        return config;
    }

    /** The contract's serializer on the suite's registry. */
    AvroSerializer serializer() {
        AvroSerializer serializer = new AvroSerializer();
        serializer.configure(kafkaConfig(), false);
        return serializer;
    }

    private static <K, V> void await(KafkaProducer<K, V> producer, ProducerRecord<K, V> record) {
        try {
            producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending to " + record.topic(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not send to " + record.topic() + ": " + e, e);
        }
    }
}
