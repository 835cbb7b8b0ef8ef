package io.understudy.schemas.topic;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Creates the topics a service needs if they are missing, so every service can start while the others are down.
 */
public final class TopicCreator {
    private final Admin admin;
    private final int partitions;
    private final short replicationFactor;

    public TopicCreator(Admin admin, int partitions, short replicationFactor) {
        this.admin = admin;
        this.partitions = partitions;
        this.replicationFactor = replicationFactor;
    }

    public void ensure(Collection<Topic> topics) {
        List<NewTopic> wanted = topics.stream()
                .map(t -> new NewTopic(t.topicName, partitions, replicationFactor).configs(t.cleanup.configs))
                .toList();
        admin.createTopics(wanted).values().forEach((name, future) -> {
            try {
                future.get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("cannot create topic " + name + ": " + e.getCause().getMessage(), e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while creating topic " + name, e);
            } catch (TimeoutException e) {
                throw new IllegalStateException("no answer from Kafka within 30 s while creating topic " + name, e);
            }
        });
    }
}
