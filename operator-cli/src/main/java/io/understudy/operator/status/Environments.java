package io.understudy.operator.status;

import io.understudy.contract.EnvironmentState;
import io.understudy.operator.connection.Connection;
import io.understudy.operator.log.TopicReader;
import io.understudy.schemas.topic.Topic;

import java.util.Map;
import java.util.TreeMap;

/** The latest state of every environment, from the compacted state topic the orchestrator writes. */
public final class Environments {
    private Environments() {
    }

    public static Map<String, EnvironmentState> latest(Connection connection) {
        Map<String, EnvironmentState> latest = new TreeMap<>();
        try (TopicReader reader = new TopicReader(connection, Topic.ENVIRONMENT_STATE)) {
            reader.readToEnd(record -> {
                if (record.value() instanceof EnvironmentState state) {
                    // revisions only grow; compaction may leave an older record before a newer one is cleaned
                    latest.merge(record.key(), state, (old, now) -> now.getRevision() >= old.getRevision() ? now : old);
                } else if (record.value() == null) {
                    latest.remove(record.key());
                }
            });
        }
        return latest;
    }
}
