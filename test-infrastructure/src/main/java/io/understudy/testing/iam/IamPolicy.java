package io.understudy.testing.iam;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The least-privilege policy shipped in ec2-access ({@code iam-policy.json} on the classpath), and the EC2 actions
 * a module's source names, so tests can find an action the code needs and the policy lacks.
 */
public final class IamPolicy {
    public static final String RESOURCE = "iam-policy.json";
    private static final Pattern POLICY_ACTION = Pattern.compile("\"ec2:([A-Za-z]+)\"");
    /** A call on an Ec2Client field or variable named ec2, e.g. {@code ec2.describeVolumes(}. */
    private static final Pattern CLIENT_CALL = Pattern.compile("\\bec2\\s*\\.\\s*([a-z][A-Za-z]+)\\s*\\(");
    /** The SDK's waiters poll a Describe action: waitUntilVolumeAvailable polls DescribeVolumes. */
    private static final Pattern WAITER = Pattern.compile("\\bwaitUntil(Instance(?:Status)?|SystemStatus|Volume|Snapshot|Image)[A-Z][A-Za-z]*\\s*\\(");

    private IamPolicy() {
    }

    /** The EC2 actions the policy allows, e.g. {@code DescribeVolumes}. */
    public static Set<String> allowedActions() {
        try (InputStream in = IamPolicy.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath: it ships in ec2-access");
            }
            return actions(POLICY_ACTION, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
