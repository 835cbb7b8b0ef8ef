package io.understudy.testing.iam;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

import java.net.URL;
import java.security.CodeSource;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * Records every EC2 action Understudy's own code sends in this JVM, for the test that holds them against the IAM
 * policy. The SDK loads it into every client from the classpath (global execution interceptors), so nothing in the
 * code under test changes. A call counts as Understudy's when production classes of Understudy are on the calling
 * stack; calls a test makes itself to set the scene (allocating addresses, creating volumes) do not count.
 */
public final class Ec2ActionLog implements ExecutionInterceptor {
    private static final Set<String> SENT = new ConcurrentSkipListSet<>();
    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (!"ec2".equalsIgnoreCase(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME))) {
            return;
        }
        if (WALKER.walk(frames -> frames.anyMatch(f -> isProductionCode(f.getDeclaringClass())))) {
            SENT.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
        }
    }

    /** The actions sent so far, sorted. */
    public static Set<String> sent() {
        return new TreeSet<>(SENT);
    }

    static boolean isProductionCode(Class<?> type) {
        String name = type.getName();
        if (!name.startsWith("io.understudy.") || name.startsWith("io.understudy.testing.")) {
            return false;
        }
        CodeSource source = type.getProtectionDomain().getCodeSource();
        URL location = source == null ? null : source.getLocation();
        return location != null && !location.toString().contains("/test-classes/");
    }
}
