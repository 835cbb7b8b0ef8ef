package io.understudy.operator.log;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/** A contract record as plain JSON for programs: timestamps in ISO-8601, enums by name, plus its type's name. */
public final class RecordJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private RecordJson() {
    }

    public static ObjectNode of(SpecificRecord record) {
        ObjectNode node = NODES.objectNode().put("type", record.getSchema().getName());
        for (Schema.Field field : record.getSchema().getFields()) {
            node.set(field.name(), value(record.get(field.pos())));
        }
        return node;
    }

    private static JsonNode value(Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof SpecificRecord nested) {
            ObjectNode node = of(nested);
            node.remove("type");
            return node;
        }
        if (value instanceof Instant instant) {
            return NODES.textNode(instant.toString());
        }
        if (value instanceof Number number) {
            return NODES.numberNode(number.longValue());
        }
        if (value instanceof Boolean bool) {
            return NODES.booleanNode(bool);
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode node = NODES.objectNode();
            map.forEach((k, v) -> node.set(String.valueOf(k), value(v)));
            return node;
        }
        if (value instanceof Collection<?> items) {
            return NODES.arrayNode().addAll(items.stream().map(RecordJson::value).toList());
        }
        return NODES.textNode(String.valueOf(value));
    }
}
