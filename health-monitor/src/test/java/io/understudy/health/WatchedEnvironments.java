package io.understudy.health;

import io.understudy.contract.ElasticIp;
import io.understudy.contract.EnvironmentState;
import io.understudy.contract.Instance;
import io.understudy.schemas.topic.Topic;
import io.understudy.testing.TopicRecords;

import java.time.Instant;
import java.util.List;

/** Environments as the orchestrator publishes them on the state topic, which is all the health monitor reads. */
final class WatchedEnvironments {
    private WatchedEnvironments() {
    }

    static void publish(String env, List<Instance> instances) {
        TopicRecords.of(Topic.ENVIRONMENT_STATE).send(env, EnvironmentState.newBuilder()
                .setEnvironmentId(env)
                .setStackVersion("stack-1")
                .setImageId("ami-12c6146b")
                .setElasticIp(new ElasticIp("eipalloc-" + env, "127.0.0.1"))
                .setRequiredCapacity(1)
                .setInstances(instances)
                .setUpdatedAt(Instant.now())
                .build());
    }
}
