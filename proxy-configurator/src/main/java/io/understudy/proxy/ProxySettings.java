package io.understudy.proxy;

import java.time.Duration;

/**
 * Where each instance's HAProxy listens, and how servers are added: {@code understudy.proxy.*}; how its runtime API is
 * reached is {@link io.understudy.proxy.haproxy.RuntimeApiTlsSettings}.
 *
 * @param adminPort    the runtime API on every instance, over mutual TLS at {@code <private address>:<port>}
 * @param appPort      the app server's port on every instance, which HAProxy forwards to
 * @param backend      the backend that balances over the app instances
 * @param serverChecks whether added servers get HAProxy health checks
 * @param timeout      for one runtime API exchange
 */
public record ProxySettings(int adminPort, int appPort, String backend, boolean serverChecks, Duration timeout) {
}
