package io.understudy.schemas.access;

import io.understudy.schemas.topic.Topic;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static io.understudy.schemas.access.Principal.EXECUTING_SERVICES;
import static io.understudy.schemas.access.Principal.HEALTH_MONITOR;
import static io.understudy.schemas.access.Principal.IP_MANAGER;
import static io.understudy.schemas.access.Principal.OPERATOR;
import static io.understudy.schemas.access.Principal.PROVISIONER;
import static io.understudy.schemas.access.Principal.PROXY_CONFIGURATOR;
import static io.understudy.schemas.access.Principal.SCHEMA_REGISTRY;
import static io.understudy.schemas.access.Principal.STREAMS_SERVICES;
import static io.understudy.schemas.access.Principal.SUBSCRIBER;
import static io.understudy.schemas.access.Principal.TAKEOVER_ORCHESTRATOR;
import static io.understudy.schemas.access.Principal.VOLUME_MANAGER;

/**
 * What each principal may do on the broker, derived from one table over {@link Topic} ({@link #of}): the
 * compiler refuses a topic without an entry. A principal may write or read exactly the topics the table gives it,
 * and a service may also create them (each creates what it needs, so any can start first); besides, the services
 * that consume in groups may use the groups named after them, the Kafka Streams services their own internal topics
 * and transactional ids, and the registry its schema log. Everything else is denied: the broker runs with
 * {@code allow.everyone.if.no.acl.found=false}, and only {@link Principal#ADMIN} is a super user.
 */
public final class AccessControl {
    /** The registry's schema log: its default {@code understudy.registry.topic}, which only the registry reads and writes. */
    public static final String REGISTRY_TOPIC = "_schemas";
    private static final String ANY_HOST = "*";
    /** People and other systems, unlike the services, never create topics. */
    private static final Set<Principal> CREATE_NOTHING = EnumSet.of(OPERATOR, SUBSCRIBER, Principal.ADMIN);
    /** Consumers in groups: the executing services (group = service name), Streams (group = application id), subscribers. */
    private static final Set<Principal> GROUP_MEMBERS = union(union(EXECUTING_SERVICES, STREAMS_SERVICES), Set.of(SUBSCRIBER));

    private AccessControl() {
    }

    /** Who may write and who may read each topic. */
    public static TopicAccess of(Topic topic) {
        return switch (topic) {
            case OPERATOR_COMMANDS -> new TopicAccess(Set.of(OPERATOR), Set.of(TAKEOVER_ORCHESTRATOR));
            case HEALTH_EVENTS -> new TopicAccess(Set.of(HEALTH_MONITOR), Set.of(TAKEOVER_ORCHESTRATOR, OPERATOR));
            case HEALTH_OBSERVATIONS -> new TopicAccess(Set.of(HEALTH_MONITOR), Set.of(HEALTH_MONITOR));
            case IP_COMMANDS -> commandsOf(IP_MANAGER);
            case VOLUME_COMMANDS -> commandsOf(VOLUME_MANAGER);
            case PROXY_COMMANDS -> commandsOf(PROXY_CONFIGURATOR);
            case PROVISIONER_COMMANDS -> commandsOf(PROVISIONER);
            case COMMAND_RESULTS -> new TopicAccess(EXECUTING_SERVICES, Set.of(TAKEOVER_ORCHESTRATOR));
            case TAKEOVER_EVENTS -> new TopicAccess(Set.of(TAKEOVER_ORCHESTRATOR), Set.of(SUBSCRIBER, OPERATOR));
            case ENVIRONMENT_STATE -> new TopicAccess(Set.of(TAKEOVER_ORCHESTRATOR), Set.of(HEALTH_MONITOR, OPERATOR));
            case COMMAND_LEDGER -> new TopicAccess(EXECUTING_SERVICES, EXECUTING_SERVICES);
            case SAGA_JOURNAL -> new TopicAccess(Set.of(TAKEOVER_ORCHESTRATOR), Set.of(OPERATOR));
            // written by whoever takes in records and dead-letters what does not decode; read by people, as admin
            case DEAD_LETTERS -> new TopicAccess(union(EXECUTING_SERVICES, Set.of(TAKEOVER_ORCHESTRATOR, HEALTH_MONITOR)), Set.of());
        };
    }

    /** Every ACL the broker holds for Understudy. */
    public static List<AclBinding> bindings() {
        List<AclBinding> all = new ArrayList<>();
        for (Topic topic : Topic.values()) {
            TopicAccess access = of(topic);
            access.writers().forEach(p -> topic(all, p, topic.topicName, AclOperation.WRITE));
            access.readers().forEach(p -> topic(all, p, topic.topicName, AclOperation.READ));
        }
        GROUP_MEMBERS.forEach(p -> allow(all, p, ResourceType.GROUP, p.userName, PatternType.PREFIXED, AclOperation.READ));
        for (Principal streams : STREAMS_SERVICES) {
            // changelogs and repartition topics, which Streams creates, fills, reads back and purges
            allow(all, streams, ResourceType.TOPIC, streams.userName, PatternType.PREFIXED, AclOperation.ALL);
            // exactly-once: each stream thread's producer is transactional under <application id>-...
            allow(all, streams, ResourceType.TRANSACTIONAL_ID, streams.userName, PatternType.PREFIXED, AclOperation.WRITE);
            allow(all, streams, ResourceType.TRANSACTIONAL_ID, streams.userName, PatternType.PREFIXED, AclOperation.DESCRIBE);
        }
        for (AclOperation operation : List.of(AclOperation.READ, AclOperation.WRITE, AclOperation.CREATE)) {
            allow(all, SCHEMA_REGISTRY, ResourceType.TOPIC, REGISTRY_TOPIC, PatternType.LITERAL, operation);
        }
        return all.stream().distinct().toList();
    }

    /** The ACLs of one principal. */
    public static List<AclBinding> bindings(Principal principal) {
        return bindings().stream().filter(b -> b.entry().principal().equals(principal.kafkaPrincipal())).toList();
    }

    /** Everyone the broker must know besides its administrator, who exists from the start. */
    public static List<String> users() {
        return Arrays.stream(Principal.values()).filter(p -> p != Principal.ADMIN).map(p -> p.userName).toList();
    }

    /** A command topic: only the orchestrator sends commands, only the service it names carries them out. */
    private static TopicAccess commandsOf(Principal executing) {
        return new TopicAccess(Set.of(TAKEOVER_ORCHESTRATOR), Set.of(executing));
    }

    private static void topic(List<AclBinding> all, Principal principal, String topic, AclOperation operation) {
        allow(all, principal, ResourceType.TOPIC, topic, PatternType.LITERAL, operation);
        if (!CREATE_NOTHING.contains(principal)) {
            allow(all, principal, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.CREATE);
        }
    }

    private static void allow(List<AclBinding> all, Principal principal, ResourceType type, String name, PatternType pattern,
                              AclOperation operation) {
        all.add(new AclBinding(new ResourcePattern(type, name, pattern),
                new AccessControlEntry(principal.kafkaPrincipal(), ANY_HOST, operation, AclPermissionType.ALLOW)));
    }

    private static Set<Principal> union(Set<Principal> a, Set<Principal> b) {
        Set<Principal> all = EnumSet.copyOf(a);
        all.addAll(b);
        return all;
    }
}
