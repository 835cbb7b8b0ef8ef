package io.understudy.proxy;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.time.Duration;

@Factory
class ProxySettingsFactory {

    @Singleton
    ProxySettings proxySettings(@Value("${understudy.proxy.admin-port:9999}") int adminPort,
                                @Value("${understudy.proxy.app-port:8080}") int appPort,
                                @Value("${understudy.proxy.backend:app}") String backend,
                                @Value("${understudy.proxy.server-checks:true}") boolean serverChecks,
                                @Value("${understudy.proxy.timeout:3s}") Duration timeout) {
        return new ProxySettings(adminPort, appPort, backend, serverChecks, timeout);
    }
}
