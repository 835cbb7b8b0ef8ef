package io.understudy.management;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.management.endpoint.EndpointSensitivityHandler;
import io.micronaut.management.endpoint.EndpointSensitivityProcessor;
import io.micronaut.web.router.MethodBasedRouteMatch;
import io.micronaut.web.router.RouteAttributes;
import io.understudy.http.BasicCredentials;

import java.util.Optional;

/**
 * Who may use the management endpoints ({@code @Endpoint}s: /health, /prometheus, ...). Being an
 * {@link EndpointSensitivityHandler}, it replaces micronaut-management's own filter, which refuses every sensitive
 * endpoint to everyone; this one lets the {@link ManagementCredentials} through:
 * <ul>
 *   <li>the right basic credentials: the request goes on with a principal, so /health shows its details
 *       ({@code details-visible: AUTHENTICATED}) and sensitive endpoints answer;</li>
 *   <li>wrong credentials, or any when none are configured: 401, whatever the endpoint;</li>
 *   <li>none: a sensitive endpoint answers 401; a non-sensitive one (/health) answers without a principal, its status only.</li>
 * </ul>
 * Routes that are not management endpoints (a service's own API) are left to whatever guards them.
 */
@ServerFilter(Filter.MATCH_ALL_PATTERN)
public final class ManagementAccessFilter implements EndpointSensitivityHandler, Ordered {
    static final String REALM = "understudy management";

    private final EndpointSensitivityProcessor endpoints;
    private final ManagementCredentials credentials;

    ManagementAccessFilter(EndpointSensitivityProcessor endpoints, ManagementCredentials credentials) {
        this.endpoints = endpoints;
        this.credentials = credentials;
    }

    @RequestFilter
    @Nullable
    public HttpResponse<?> authenticate(HttpRequest<?> request) {
        Optional<Boolean> sensitive = sensitivity(request);
        if (sensitive.isEmpty()) {
            return null;
        }
        Optional<String> authorization = request.getHeaders().getAuthorization();
        if (authorization.isPresent()) {
            if (!credentials.accept(authorization.get())) {
                return refused();
            }
            request.setUserPrincipal(new ManagementPrincipal(credentials.get().orElseThrow().user()));
            return null;
        }
        return sensitive.get() ? refused() : null;
    }

    /** Whether the request's route is a sensitive management endpoint; empty when it is no management endpoint. */
    private Optional<Boolean> sensitivity(HttpRequest<?> request) {
        return RouteAttributes.getRouteMatch(request)
                .filter(MethodBasedRouteMatch.class::isInstance)
                .map(match -> ((MethodBasedRouteMatch<?, ?>) match).getExecutableMethod())
                .map(method -> endpoints.getEndpointMethods().get(method));
    }

    private static HttpResponse<?> refused() {
        return HttpResponse.status(HttpStatus.UNAUTHORIZED).header(HttpHeaders.WWW_AUTHENTICATE, BasicCredentials.challenge(REALM));
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.order();
    }
}
