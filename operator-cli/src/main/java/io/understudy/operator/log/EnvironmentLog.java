package io.understudy.operator.log;

import io.understudy.operator.connection.Connection;
import io.understudy.schemas.topic.Topic;
import org.apache.avro.specific.SpecificRecord;

import java.util.ArrayList;
import java.util.List;

/** One environment's records on one topic, in log order (all of them are in one partition: the key is its id). */
public final class EnvironmentLog {
    private EnvironmentLog() {
    }

    public static List<SpecificRecord> read(Connection connection, Topic topic, String environmentId) {
        List<SpecificRecord> records = new ArrayList<>();
        try (TopicReader reader = new TopicReader(connection, topic)) {
            reader.readToEnd(record -> {
                if (environmentId.equals(record.key()) && record.value() != null) {
                    records.add(record.value());
                }
            });
        }
        return records;
    }
}
