package io.understudy.sandbox.cloud;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * One EC2 filter: a name and values, any of which may match; values may use EC2's wildcards {@code *} and {@code ?}.
 * {@code tag:<key>} and {@code tag-key} work on every resource; other names are the resource's attributes.
 */
public record Filter(String name, List<String> values) {

    public boolean matches(Map<String, String> tags, Function<String, List<String>> attributes) {
        List<String> actual;
        if (name.startsWith("tag:")) {
            String value = tags.get(name.substring(4));
            actual = value == null ? List.of() : List.of(value);
        } else if (name.equals("tag-key")) {
            actual = List.copyOf(tags.keySet());
        } else if (name.equals("tag-value")) {
            actual = List.copyOf(tags.values());
        } else {
            actual = attributes.apply(name);
        }
        return actual.stream().anyMatch(a -> values.stream().anyMatch(v -> glob(v).matcher(a).matches()));
    }

    public static boolean all(List<Filter> filters, Map<String, String> tags, Function<String, List<String>> attributes) {
        return filters.stream().allMatch(f -> f.matches(tags, attributes));
    }

    private static Pattern glob(String value) {
        StringBuilder regex = new StringBuilder();
        for (char c : value.toCharArray()) {
            if (c == '*') {
                regex.append(".*");
            } else if (c == '?') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
