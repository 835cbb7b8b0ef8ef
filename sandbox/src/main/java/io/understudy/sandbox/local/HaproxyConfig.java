package io.understudy.sandbox.local;

import io.understudy.haproxy.RuntimeApiConfig;

/**
 * An instance's HAProxy: frontend {@code public} balances reads over backend {@code app} (roundrobin, so that
 * proxy-configurator can {@code add server} through the runtime API), and sends writes and reads of stored data to
 * backend {@code master}, the instance's own app server: the data lives on the master's /data alone, and the Elastic
 * IP only ever reaches the master's HAProxy. The runtime API takes mutual TLS with proxy-configurator's certificate
 * ({@link RuntimeApiCertificates}).
 */
final class HaproxyConfig {
    private HaproxyConfig() {
    }

    static String render(Machine instance) {
        RuntimeApiConfig runtimeApi = RuntimeApiCertificates.config(instance.privateAddress(), InstanceProcess.ADMIN_PORT);
        return """
                global
                %4$s
                    stats timeout 10s

                defaults
                    mode http
                    timeout connect 1s
                    timeout client 30s
                    timeout server 30s

                frontend public
                    bind %1$s:%3$d
                    acl write method POST PUT PATCH DELETE
                    acl stored path_beg /data/
                    use_backend master if write || stored
                    default_backend app

                backend app
                    balance roundrobin
                    option httpchk GET /health
                    server %5$s %1$s:%2$d

                backend master
                    server %5$s %1$s:%2$d

                %6$s
                """.formatted(instance.privateAddress(), InstanceProcess.APP_PORT, InstanceProcess.PROXY_PORT,
                runtimeApi.globalLines().stripTrailing(), instance.instanceId(), runtimeApi.sections());
    }
}
