package io.understudy.schemas.outcome;

import io.understudy.contract.CommandOutput;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A command's typed output ({@link CommandOutput}) and its map rendering, both ways. The map is what people, public
 * subscribers and readers older than the typed field see: each field under its name, a list joined by commas, an
 * absent field left out. Reading a map back is for what was written before the typed field existed; the keys come
 * from the record's schema, so a renamed field changes both sides at once.
 */
public final class Outputs {
    private Outputs() {
    }

    /** The map rendering of an output; empty for none. */
    public static Map<String, String> render(SpecificRecord output) {
        if (output == null) {
            return Map.of();
        }
        Map<String, String> rendered = new LinkedHashMap<>();
        for (Schema.Field field : output.getSchema().getFields()) {
            Object value = output.get(field.pos());
            if (value instanceof List<?> list) {
                rendered.put(field.name(), String.join(",", list.stream().map(String::valueOf).toList()));
            } else if (value != null) {
                rendered.put(field.name(), value.toString());
            }
        }
        return Map.copyOf(rendered);
    }

    /** The output inside its contract wrapper, for a result or a state record. */
    public static CommandOutput wrap(SpecificRecord output) {
        return output == null ? null : CommandOutput.newBuilder().setValue(output).build();
    }

    /** The output a contract wrapper holds; null for none. */
    public static SpecificRecord unwrap(CommandOutput wrapper) {
        return wrapper == null ? null : (SpecificRecord) wrapper.getValue();
    }

    /** Fields of {@code type} that {@code outputs} lacks and that have no default: why it cannot be read as one. */
    public static List<String> missing(Class<? extends SpecificRecord> type, Map<String, String> outputs) {
        return schemaOf(type).getFields().stream()
                .filter(field -> !field.hasDefaultValue() && !outputs.containsKey(field.name()))
                .map(Schema.Field::name)
                .toList();
    }

    /**
     * A map rendering read back as {@code type}; empty when it lacks a field {@code type} requires or a value is not
     * one of its field's (a verdict that is no verdict).
     */
    public static <T extends SpecificRecord> Optional<T> parse(Class<T> type, Map<String, String> outputs) {
        if (!missing(type, outputs).isEmpty()) {
            return Optional.empty();
        }
        Schema schema = schemaOf(type);
        T record = type.cast(SpecificData.get().newRecord(null, schema));
        try {
            for (Schema.Field field : schema.getFields()) {
                String value = outputs.get(field.name());
                record.put(field.pos(), value == null ? SpecificData.get().deepCopy(field.schema(), SpecificData.get()
                        .getDefaultValue(field)) : valueOf(field.schema(), value));
            }
        } catch (IllegalArgumentException notItsValue) {
            return Optional.empty();
        }
        return Optional.of(record);
    }

    private static Object valueOf(Schema schema, String value) {
        return switch (schema.getType()) {
            case STRING -> value;
            case INT -> Integer.valueOf(value);
            case LONG -> Long.valueOf(value);
            case BOOLEAN -> Boolean.valueOf(value);
            case ENUM -> SpecificData.get().createEnum(value, schema);
            case ARRAY -> new ArrayList<>(Arrays.stream(value.split(",")).filter(s -> !s.isBlank())
                    .map(s -> valueOf(schema.getElementType(), s)).toList());
            case UNION -> valueOf(schema.getTypes().stream().filter(t -> t.getType() != Schema.Type.NULL).findFirst()
                    .orElseThrow(), value);
            default -> throw new IllegalArgumentException("an output field of type " + schema.getType() + " is not rendered");
        };
    }

    private static Schema schemaOf(Class<? extends SpecificRecord> type) {
        return SpecificData.get().getSchema(type);
    }
}
