package io.understudy.testing.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.understudy.schemas.tags.ResourceTags;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The least-privilege policy shipped in ec2-access ({@code iam-policy.json} on the classpath), and the EC2 actions
 * a module's source names, so tests can find an action the code needs and the policy lacks; and the grants of the
 * policy that would let a change reach a resource not tagged with an environment.
 */
public final class IamPolicy {
    public static final String RESOURCE = "iam-policy.json";
    /** The tag every resource Understudy may change carries, as the policy's conditions name it. */
    static final String ENVIRONMENT_TAG = ResourceTags.ENVIRONMENT;
    /** Resource types Understudy uses without owning them: what a replacement boots from, and the network it sits in. */
    private static final Set<String> BORROWED = Set.of("image", "key-pair", "network-interface", "security-group", "subnet");
    /**
     * The resource types each creating action makes: only for those may the request's tags stand in for the resource's.
     * For any other resource the action names (CreateSnapshot's volume, CreateVolume's snapshot) the resource itself
     * must carry the tag, or a request that merely says an environment could read another's data.
     */
    private static final Map<String, Set<String>> CREATES = Map.of(
            "ec2:RunInstances", Set.of("instance", "volume"),
            "ec2:CreateVolume", Set.of("volume"),
            "ec2:CreateSnapshot", Set.of("snapshot"),
            "ec2:CreateTags", Set.of("instance", "volume", "snapshot"));
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A call on an Ec2Client field or variable named ec2, e.g. {@code ec2.describeVolumes(}. */
    private static final Pattern CLIENT_CALL = Pattern.compile("\\bec2\\s*\\.\\s*([a-z][A-Za-z]+)\\s*\\(");
    /** The SDK's waiters poll a Describe action: waitUntilVolumeAvailable polls DescribeVolumes. */
    private static final Pattern WAITER = Pattern.compile("\\bwaitUntil(Instance(?:Status)?|SystemStatus|Volume|Snapshot|Image)[A-Z][A-Za-z]*\\s*\\(");

    private IamPolicy() {
    }

    /** The EC2 actions the policy allows, e.g. {@code DescribeVolumes}. */
    public static Set<String> allowedActions() {
        Set<String> allowed = new TreeSet<>();
        statements(text()).stream().filter(s -> "Allow".equals(s.path("Effect").asText()))
                .flatMap(s -> values(s.path("Action")).stream())
                .filter(a -> a.startsWith("ec2:")).map(a -> a.substring("ec2:".length()))
                .forEach(allowed::add);
        return allowed;
    }

    /** The policy as shipped. */
    public static String text() {
        try (InputStream in = IamPolicy.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath: it ships in ec2-access");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every grant in {@code policy} of an EC2 action that changes something (anything but Describe*) on a resource that
     * need not be Understudy's: one that the resource itself need not carry {@value #ENVIRONMENT_TAG} for. The
     * request's tag ({@code aws:RequestTag}) stands in only for what the action creates, and for CreateTags only at
     * creation ({@code ec2:CreateAction}): otherwise tagging a stranger's instance would make it Understudy's. Empty
     * when even a compromised executor could change only resources tagged with an environment.
     */
    public static List<String> changesNotConditionedOnTheEnvironmentTag(String policy) {
        List<String> loose = new ArrayList<>();
        for (JsonNode statement : statements(policy)) {
            if (!"Allow".equals(statement.path("Effect").asText())) {
                continue;
            }
            Set<String> keys = conditionKeys(statement.path("Condition"));
            String sid = statement.path("Sid").asText("(no Sid)");
            for (String action : values(statement.path("Action"))) {
                if (!action.startsWith("ec2:") || action.startsWith("ec2:Describe")) {
                    continue;
                }
                for (String resource : values(statement.path("Resource"))) {
                    String type = resourceType(resource);
                    if (!BORROWED.contains(type) && !guarded(action, type, keys)) {
                        loose.add(action + " on " + resource + " (" + sid + ") does not require " + ENVIRONMENT_TAG
                                + " on the resource");
                    }
                }
            }
        }
        return loose;
    }

    private static boolean guarded(String action, String type, Set<String> keys) {
        if (keys.contains(("aws:ResourceTag/" + ENVIRONMENT_TAG).toLowerCase(Locale.ROOT))) {
            return true;
        }
        if (!keys.contains(("aws:RequestTag/" + ENVIRONMENT_TAG).toLowerCase(Locale.ROOT))) {
            return false;
        }
        boolean created = CREATES.getOrDefault(action, Set.of()).contains(type);
        return action.equals("ec2:CreateTags") ? created && keys.contains("ec2:createaction") : created;
    }

    /** The condition keys a statement's Condition names, lower case (IAM compares them so). */
    private static Set<String> conditionKeys(JsonNode condition) {
        Set<String> keys = new TreeSet<>();
        condition.fields().forEachRemaining(operator -> operator.getValue().fieldNames()
                .forEachRemaining(k -> keys.add(k.toLowerCase(Locale.ROOT))));
        return keys;
    }

    private static List<JsonNode> statements(String policy) {
        try {
            List<JsonNode> statements = new ArrayList<>();
            JSON.readTree(policy).path("Statement").forEach(statements::add);
            return statements;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code instance} for {@code arn:aws:ec2:*:*:instance/*}; {@code *} for {@code *} or an ARN of any type. */
    private static String resourceType(String resource) {
        String[] parts = resource.split(":", 6);
        if (parts.length < 6) {
            return "*";
        }
        int slash = parts[5].indexOf('/');
        return slash < 0 ? parts[5] : parts[5].substring(0, slash);
    }

    private static List<String> values(JsonNode node) {
        if (node.isArray()) {
            List<String> values = new ArrayList<>();
            node.forEach(v -> values.add(v.asText()));
            return values;
        }
        return node.isMissingNode() ? List.of() : List.of(node.asText());
    }

    /** The EC2 actions named by calls on an {@code ec2} client, and polled by waiters, in the Java files under {@code sources}. */
    public static Set<String> actionsNamedIn(Path sources) {
        Set<String> named = new TreeSet<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String code = Files.readString(file);
                actions(CLIENT_CALL, code).stream().filter(a -> !a.equals("Waiter") && !a.equals("Close"))
                        .map(a -> a.endsWith("Paginator") ? a.substring(0, a.length() - "Paginator".length()) : a)
                        .forEach(named::add);
                Matcher waiter = WAITER.matcher(code);
                while (waiter.find()) {
                    String resource = waiter.group(1);
                    named.add(resource.endsWith("Status") ? "DescribeInstanceStatus" : "Describe" + resource + "s");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return named;
    }

    private static Set<String> actions(Pattern pattern, String text) {
        Set<String> found = new TreeSet<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            String name = m.group(1);
            found.add(Character.toUpperCase(name.charAt(0)) + name.substring(1));
        }
        return found;
    }
}
