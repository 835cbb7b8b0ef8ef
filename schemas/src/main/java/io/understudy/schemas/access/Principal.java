package io.understudy.schemas.access;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Who may talk to Understudy's Kafka: one principal per service, named as the service is
 * ({@code micronaut.application.name}, also {@code meta.producer}), the operator, a read-only subscriber, and the
 * broker's own administrator. On the broker each is {@code User:<user name>}.
 */
public enum Principal {
    TAKEOVER_ORCHESTRATOR("takeover-orchestrator"),
    HEALTH_MONITOR("health-monitor"),
    IP_MANAGER("ip-manager"),
    VOLUME_MANAGER("volume-manager"),
    PROXY_CONFIGURATOR("proxy-configurator"),
    PROVISIONER("provisioner"),
    SCHEMA_REGISTRY("schema-registry"),
    /** Whoever runs {@code ./understudy status}, {@code takeover}, {@code pause}, and registers environments. */
    OPERATOR("operator"),
    /** Other systems that follow the public takeover events: they read that topic and nothing else. */
    SUBSCRIBER("subscriber"),
    /** The broker's super user: creates the others and their ACLs; tests act as it when no principal matters. */
    ADMIN("admin");

    /** The services that carry out commands against the cloud and HAProxy, and answer with results. */
    public static final Set<Principal> EXECUTING_SERVICES = EnumSet.of(IP_MANAGER, VOLUME_MANAGER, PROXY_CONFIGURATOR, PROVISIONER);
    /** The services hosted in Kafka Streams: their internal topics, group and transactional ids start with their name. */
    public static final Set<Principal> STREAMS_SERVICES = EnumSet.of(TAKEOVER_ORCHESTRATOR, HEALTH_MONITOR);

    public final String userName;

    Principal(String userName) {
        this.userName = userName;
    }

    /** {@code User:<name>}, as the broker's ACLs and {@code super.users} name it. */
    public String kafkaPrincipal() {
        return "User:" + userName;
    }

    /** The principal of the service of this name ({@code micronaut.application.name}), if it is one of Understudy's. */
    public static Optional<Principal> ofService(String serviceName) {
        return Arrays.stream(values()).filter(p -> p.userName.equals(serviceName)).findFirst();
    }
}
