package io.understudy.sandbox.api;

import io.understudy.sandbox.cloud.Ec2Exception;
import io.understudy.sandbox.cloud.Filter;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The EC2 Query protocol's form parameters, with its numbered lists ({@code InstanceId.1}, {@code Filter.2.Value.1}). */
final class QueryParameters {
    private final Map<String, String> values;

    private QueryParameters(Map<String, String> values) {
        this.values = values;
    }

    static QueryParameters parse(String form) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : form.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            values.put(name, value);
        }
        return new QueryParameters(values);
    }

    QueryParameters merge(QueryParameters other) {
        Map<String, String> merged = new LinkedHashMap<>(values);
        merged.putAll(other.values);
        return new QueryParameters(merged);
    }

    String get(String name) {
        return values.get(name);
    }

    String required(String name) {
        String value = values.get(name);
        if (value == null || value.isEmpty()) {
            throw new Ec2Exception("MissingParameter", "The request must contain the parameter " + name);
        }
        return value;
    }

    int integer(String name, int fallback) {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new Ec2Exception("InvalidParameterValue", "Value (" + value + ") for parameter " + name + " is invalid.");
        }
    }

    Integer optionalInteger(String name) {
        return values.containsKey(name) ? integer(name, 0) : null;
    }

    Boolean bool(String name) {
        String value = values.get(name);
        return value == null ? null : Boolean.parseBoolean(value);
    }

    /** {@code prefix.1}, {@code prefix.2}, ... in index order. */
    List<String> list(String prefix) {
        List<String> list = new ArrayList<>();
        for (int index : indices(prefix)) {
            String value = values.get(prefix + "." + index);
            if (value != null) {
                list.add(value);
            }
        }
        return list;
    }

    List<Filter> filters() {
        List<Filter> filters = new ArrayList<>();
        for (int index : indices("Filter")) {
            String name = values.get("Filter." + index + ".Name");
            if (name != null) {
                filters.add(new Filter(name, list("Filter." + index + ".Value")));
            }
        }
        return filters;
    }

    /** {@code prefix.N.Key} / {@code prefix.N.Value} pairs, e.g. CreateTags' {@code Tag.1.Key}. */
    Map<String, String> tags(String prefix) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (int index : indices(prefix)) {
            String key = values.get(prefix + "." + index + ".Key");
            if (key != null) {
                tags.put(key, values.getOrDefault(prefix + "." + index + ".Value", ""));
            }
        }
        return tags;
    }

    /** The tags a TagSpecification gives resources of {@code resourceType}. */
    Map<String, String> tagSpecification(String resourceType) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (int index : indices("TagSpecification")) {
            if (resourceType.equals(values.get("TagSpecification." + index + ".ResourceType"))) {
                tags.putAll(tags("TagSpecification." + index + ".Tag"));
            }
        }
        return tags;
    }

    private TreeSet<Integer> indices(String prefix) {
        TreeSet<Integer> indices = new TreeSet<>();
        String start = prefix + ".";
        for (String name : values.keySet()) {
            if (name.startsWith(start)) {
                String rest = name.substring(start.length());
                int dot = rest.indexOf('.');
                String number = dot < 0 ? rest : rest.substring(0, dot);
                if (!number.isEmpty() && number.chars().allMatch(Character::isDigit)) {
                    indices.add(Integer.parseInt(number));
                }
            }
        }
        return indices;
    }
}
