package io.understudy.testing;

import io.understudy.broker.KafkaBroker;
import io.understudy.registry.EmbeddedSchemaRegistry;
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
 */
public final class Infrastructure implements AutoCloseable {
    public static final Region REGION = Region.US_EAST_1;
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
            KafkaBroker broker = KafkaBroker.start(ROOT.resolve("kafka"));
            EmbeddedSchemaRegistry registry;
            try {
                registry = EmbeddedSchemaRegistry.start(broker.bootstrapServers());
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

    public String registryUrl() {
        return registry.url();
    }

    /** {@code bootstrap.servers} and {@code schema.registry.url}: copy it and add what a client needs. */
    public Map<String, Object> kafkaConfig() {
        return Map.of("bootstrap.servers", bootstrapServers(), AvroSerializer.REGISTRY_URL, registryUrl());
    }

    /** Creates every topic of the contract that does not exist yet, one replica, the services' default partitions. */
    public synchronized void createTopics() {
        if (topicsCreated) {
            return;
        }
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers()))) {
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

    synchronized void send(String topic, String key, SpecificRecord value) {
        if (producer == null) {
            producer = new KafkaProducer<>(producerConfig(), new StringSerializer(), serializer());
        }
        await(producer, new ProducerRecord<>(topic, key, value));
    }

    synchronized void sendRaw(String topic, byte[] key, byte[] value) {
        if (rawProducer == null) {
            rawProducer = new KafkaProducer<>(producerConfig(), new ByteArraySerializer(), new ByteArraySerializer());
        }
        await(rawProducer, new ProducerRecord<>(topic, key, value));
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

    private Map<String, Object> producerConfig() {
        Map<String, Object> config = new HashMap<>(kafkaConfig());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        return config;
    }

    private AvroSerializer serializer() {
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
