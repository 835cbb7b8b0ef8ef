package io.understudy.broker;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.admin.UserScramCredentialsDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;

import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Gives every user its SCRAM credential and makes the broker's ACLs exactly the wanted ones (adding the missing,
 * removing any left from an older table), as the administrator, then waits until the broker itself enforces them:
 * the controller commits at once, the broker applies the metadata a moment later.
 */
final class AccessSetup {
    private static final int ITERATIONS = 8192;
    private static final Duration POLL = Duration.ofMillis(50);

    private AccessSetup() {
    }

    static void apply(Map<String, Object> adminConfig, BrokerSecurity security, Duration timeout) {
        BrokerAccess access = security.access();
        try (Admin admin = Admin.create(adminConfig)) {
            List<UserScramCredentialUpsertion> credentials = access.users().stream()
                    .map(user -> new UserScramCredentialUpsertion(user,
                            new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, ITERATIONS), security.password(user)))
                    .toList();
            await(admin.alterUserScramCredentials(List.copyOf(credentials)).all(), timeout, "giving the users their passwords");
            Set<AclBinding> wanted = new HashSet<>(access.acls());
            Collection<AclBinding> held = await(admin.describeAcls(AclBindingFilter.ANY).values(), timeout, "reading the ACLs");
            List<AclBindingFilter> stale = held.stream().filter(b -> !wanted.contains(b)).map(AclBinding::toFilter).toList();
            if (!stale.isEmpty()) {
                await(admin.deleteAcls(stale).all(), timeout, "removing ACLs no longer wanted");
            }
            List<AclBinding> missing = wanted.stream().filter(b -> !held.contains(b)).toList();
            if (!missing.isEmpty()) {
                await(admin.createAcls(missing).all(), timeout, "creating the ACLs");
            }
            awaitEnforced(admin, access, wanted, timeout);
        }
    }

    private static void awaitEnforced(Admin admin, BrokerAccess access, Set<AclBinding> wanted, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Set<AclBinding> held = Set.of();
        Set<String> known = Set.of();
        while (System.nanoTime() < deadline) {
            held = new HashSet<>(await(admin.describeAcls(AclBindingFilter.ANY).values(), timeout, "reading the ACLs"));
            Map<String, UserScramCredentialsDescription> users = await(admin.describeUserScramCredentials().all(), timeout,
                    "reading the users");
            known = users.keySet();
            if (held.equals(wanted) && known.containsAll(access.users())) {
                return;
            }
            sleep();
        }
        throw new KafkaException("the broker did not enforce its access within " + timeout + ": holds " + held.size()
                + " of " + wanted.size() + " ACLs and knows the users " + known + " of " + access.users());
    }

    private static <T> T await(KafkaFuture<T> future, Duration timeout, String doing) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while " + doing, e);
        } catch (Exception e) {
            throw new KafkaException("the broker's access could not be set up while " + doing + ": " + e, e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while waiting for the broker to enforce its access", e);
        }
    }
}
