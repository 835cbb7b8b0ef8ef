package io.understudy.schemas.evolution;

import io.understudy.schemas.topic.Topic;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A record type that travels as a topic value, with its current schema and the rule its evolution follows. */
public record ContractType(String fullName, Schema schema, CompatibilityRule rule) {

    /** Every value type of every topic, each once, under the strictest rule of the topics it travels on. */
    public static List<ContractType> all() {
        Map<Class<? extends SpecificRecord>, List<Topic>> topicsByType = Arrays.stream(Topic.values())
                .flatMap(topic -> topic.valueTypes.stream().map(type -> Map.entry(type, topic)))
                .collect(Collectors.groupingBy(Map.Entry::getKey, LinkedHashMap::new,
                        Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
        return topicsByType.entrySet().stream()
                .map(e -> new ContractType(e.getKey().getName(), SpecificData.get().getSchema(e.getKey()),
                        CompatibilityRule.forTopics(e.getValue())))
                .toList();
    }
}
