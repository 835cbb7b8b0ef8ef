package io.understudy.broker;

import org.apache.kafka.common.acl.AclBinding;

import java.util.List;

/**
 * Who may use a secured broker: its administrator (the one super user), the other users, each with a password the
 * broker makes, and the ACLs that say what those may do; nothing else is allowed.
 */
public record BrokerAccess(String admin, List<String> users, List<AclBinding> acls) {
    public BrokerAccess {
        users = List.copyOf(users);
        acls = List.copyOf(acls);
        if (users.contains(admin)) {
            throw new IllegalArgumentException(admin + " is the administrator, not one of the users");
        }
    }
}
