package io.understudy.schemas.registry;

import io.understudy.schemas.topic.Topic;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

import java.util.Collection;

/**
 * Publishes the contract of some topics in a registry: each subject gets its audience's compatibility level first
 * (FULL_TRANSITIVE on public topics, so a subscriber on any version reads events of any other), then the current
 * schema of every value type. A registry then refuses an incompatible schema from anyone, not only from our build.
 */
public final class ContractPublication {
    private ContractPublication() {
    }

    public static void publish(HttpSchemaRegistryClient registry, Collection<Topic> topics) {
        for (Topic topic : topics) {
            for (Class<? extends SpecificRecord> type : topic.valueTypes) {
                String subject = topic.subject(type);
                registry.setCompatibility(subject, topic.audience.compatibility);
                registry.register(subject, SpecificData.get().getSchema(type));
            }
        }
    }
}
