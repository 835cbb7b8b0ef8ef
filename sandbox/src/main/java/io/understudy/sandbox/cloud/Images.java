package io.understudy.sandbox.cloud;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Image ids name the stack version an instance runs: {@code ami-sandbox-<stack version>}. */
public final class Images {
    private static final Pattern IMAGE = Pattern.compile("ami-sandbox-([a-z0-9.-]+)");

    private Images() {
    }

    public static Optional<String> stackVersion(String imageId) {
        Matcher matcher = IMAGE.matcher(imageId == null ? "" : imageId);
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    public static String imageId(String stackVersion) {
        return "ami-sandbox-" + stackVersion;
    }
}
