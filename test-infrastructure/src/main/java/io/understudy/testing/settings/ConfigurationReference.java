package io.understudy.testing.settings;

import io.understudy.testing.RepositoryRoot;
import org.yaml.snakeyaml.Yaml;

import java.beans.IntrospectionException;
import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks one service's table in the README's configuration reference against the single home of each default: the
 * service's {@code application.yml} for what the service reads with {@code @Value}, a settings class (its field
 * initialisers) for what Micronaut binds to one. A key with a default in both has two homes, and fails too, as does
 * an {@code understudy.*} key of either home that the table does not list (the table lists every such key, except
 * the few {@link #describedElsewhere} in the README's prose). Keys of Micronaut and Kafka themselves
 * ({@code micronaut.server.port}, {@code kafka.bootstrap.servers}) are checked where the table lists them.
 */
public final class ConfigurationReference {
    private static final Pattern ROW = Pattern.compile(
            "^\\|\\s*`([^`]+)`\\s*\\|\\s*`([^`]+)`\\s*\\|\\s*`([^`]*)`\\s*\\|.*\\|\\s*$");
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private final String service;
    private final Map<String, Object> codeDefaults = new LinkedHashMap<>();
    private final Set<String> describedElsewhere = new TreeSet<>();

    private ConfigurationReference(String service) {
        this.service = service;
    }

    /** {@code service}: its module directory and the README's {@code ### service} heading. */
    public static ConfigurationReference of(String service) {
        return new ConfigurationReference(service);
    }

    /** A settings class bound to {@code prefix}, as constructed: its read-write properties' initial values. */
    public ConfigurationReference settings(String prefix, Object settings) {
        flatten(prefix, properties(settings), codeDefaults);
        return this;
    }

    /** Defaults that code holds elsewhere than in a settings class's fields, e.g. EC2's rate-limit buckets. */
    public ConfigurationReference defaults(String prefix, Map<String, ?> defaults) {
        flatten(prefix, defaults, codeDefaults);
        return this;
    }

    /** Keys the README describes in its prose rather than in the service's table. */
    public ConfigurationReference describedElsewhere(String... keys) {
        describedElsewhere.addAll(List.of(keys));
        return this;
    }

    /** Every difference, one line each naming the key; empty when the table and the homes agree. */
    public List<String> differences() {
        Path root = RepositoryRoot.find().orElseThrow(() -> new IllegalStateException("no repository root above "
                + Path.of("").toAbsolutePath()));
        Map<String, Row> table = table(root.resolve("README.md"));
        Map<String, Object> yaml = yaml(root.resolve(service).resolve("src/main/resources/application.yml"));
        List<String> differences = new ArrayList<>();
        if (table.isEmpty()) {
            differences.add("README.md has no table under '### " + service + "'");
        }
        yaml.keySet().stream().filter(codeDefaults::containsKey).forEach(key -> differences.add(key
                + ": two homes, application.yml (" + yaml.get(key) + ") and code (" + codeDefaults.get(key) + ")"));
        table.values().forEach(row -> check(row, yaml, differences));
        Set<String> homes = new TreeSet<>(yaml.keySet());
        homes.addAll(codeDefaults.keySet());
        homes.stream()
                .filter(key -> key.startsWith("understudy.") && !table.containsKey(key) && !describedElsewhere.contains(key))
                .forEach(key -> differences.add(key + ": has a default but no row in README.md under '### " + service + "'"));
        return differences;
    }

    private void check(Row row, Map<String, Object> yaml, List<String> differences) {
        String variable = row.key().toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
        if (!row.variable().equals(variable)) {
            differences.add(row + ": the environment variable is " + variable);
        }
        Optional<Object> home = yaml.containsKey(row.key()) ? Optional.ofNullable(yaml.get(row.key()))
                : Optional.ofNullable(codeDefaults.get(row.key()));
        if (!yaml.containsKey(row.key()) && !codeDefaults.containsKey(row.key())) {
            differences.add(row + ": neither application.yml nor a settings class has this key");
        } else if (!same(row.defaultValue(), home.orElse(""))) {
            differences.add(row + ": the default is `" + text(home.orElse("")) + "`");
        }
    }

    public static boolean same(String readme, Object home) {
        String documented = unquoted(readme);
        String actual = text(home);
        if (documented.equals(actual)) {
            return true;
        }
        Optional<Duration> documentedDuration = duration(documented);
        Optional<Duration> actualDuration = home instanceof Duration d ? Optional.of(d) : duration(actual);
        if (documentedDuration.isPresent() && documentedDuration.equals(actualDuration)) {
            return true;
        }
        try {
            return new BigDecimal(documented).compareTo(new BigDecimal(actual)) == 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String unquoted(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }

    private static String text(Object value) {
        if (value instanceof Collection<?> list) {
            return list.stream().map(ConfigurationReference::text).collect(Collectors.joining(", ", "[", "]"));
        }
        return value == null ? "" : String.valueOf(value);
    }

    private static Optional<Duration> duration(String text) {
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        long amount = Long.parseLong(m.group(1));
        return Optional.of(switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        });
    }

    private Map<String, Row> table(Path readme) {
        Map<String, Row> rows = new LinkedHashMap<>();
        boolean inSection = false;
        for (String line : lines(readme)) {
            if (line.startsWith("#")) {
                inSection = line.equals("### " + service);
                continue;
            }
            Matcher m = ROW.matcher(line);
            if (inSection && m.matches()) {
                rows.put(m.group(1), new Row(m.group(1), m.group(2), m.group(3)));
            }
        }
        return rows;
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> yaml(Path file) {
        try (Reader reader = Files.newBufferedReader(file)) {
            Map<String, Object> flat = new LinkedHashMap<>();
            flatten("", new Yaml().load(reader), flat);
            return flat;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void flatten(String prefix, Map<?, ?> tree, Map<String, Object> into) {
        tree.forEach((name, value) -> {
            String key = prefix.isEmpty() ? String.valueOf(name) : prefix + "." + name;
            if (value instanceof Map<?, ?> nested) {
                flatten(key, nested, into);
            } else {
                into.put(key, value);
            }
        });
    }

    /** Read-write bean properties by their kebab-case names; null ones have no default. */
    private static Map<String, Object> properties(Object settings) {
        Map<String, Object> values = new LinkedHashMap<>();
        try {
            for (PropertyDescriptor property : Introspector.getBeanInfo(settings.getClass(), Object.class)
                    .getPropertyDescriptors()) {
                if (property.getReadMethod() != null && property.getWriteMethod() != null) {
                    Object value = property.getReadMethod().invoke(settings);
                    if (value != null) {
                        values.put(kebab(property.getName()), value);
                    }
                }
            }
        } catch (IntrospectionException | IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read the defaults of " + settings.getClass().getName(), e);
        }
        return values;
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    private record Row(String key, String variable, String defaultValue) {
        @Override
        public String toString() {
            return "README row `" + key + "` (default `" + defaultValue + "`)";
        }
    }
}
