package io.understudy.proxy;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.understudy.haproxy.RuntimeApiAccess;
import io.understudy.proxy.haproxy.RuntimeApiTlsSettings;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

@Factory
class ProxySettingsFactory {
    private static final Logger LOG = LoggerFactory.getLogger(ProxySettingsFactory.class);

    @Singleton
    ProxySettings proxySettings(@Value("${understudy.proxy.admin-port}") int adminPort,
                                @Value("${understudy.proxy.app-port}") int appPort,
                                @Value("${understudy.proxy.backend}") String backend,
                                @Value("${understudy.proxy.server-checks}") boolean serverChecks,
                                @Value("${understudy.proxy.timeout}") Duration timeout) {
        return new ProxySettings(adminPort, appPort, backend, serverChecks, timeout);
    }

    @Singleton
    RuntimeApiTlsSettings runtimeApiTlsSettings(@Value("${understudy.proxy.tls.enabled}") boolean enabled,
                                                @Value("${understudy.proxy.tls.ca}") String ca,
                                                @Value("${understudy.proxy.tls.certificate}") String certificate,
                                                @Value("${understudy.proxy.tls.key}") String key) {
        return new RuntimeApiTlsSettings(enabled, ca, certificate, key);
    }

    /** At start: a service that cannot reach any runtime API should not look healthy until its first command. */
    @Context
    RuntimeApiAccess runtimeApiAccess(RuntimeApiTlsSettings settings) {
        RuntimeApiAccess access = settings.access();
        if (access.plaintextOnly()) {
            LOG.warn("understudy.proxy.tls.enabled=false: the instances' runtime API is reached in plaintext, and whoever reaches "
                    + "an instance's admin port can re-point its site");
        } else {
            LOG.info("the instances' runtime API: {}", access.describe());
        }
        return access;
    }
}
