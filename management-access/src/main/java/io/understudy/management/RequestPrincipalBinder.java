package io.understudy.management;

import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.bind.binders.PostponedRequestArgumentBinder;
import io.micronaut.http.bind.binders.TypedRequestArgumentBinder;
import jakarta.inject.Singleton;

import java.security.Principal;
import java.util.Optional;

/**
 * Gives a route's {@link Principal} argument the principal a filter put on the request. Micronaut's core has no such
 * binder (micronaut-security brings its own), so without it {@code /health} never sees a principal and its
 * {@code details-visible: AUTHENTICATED} would show details to nobody. Postponed: it must run after the filters.
 */
@Singleton
final class RequestPrincipalBinder implements TypedRequestArgumentBinder<Principal>, PostponedRequestArgumentBinder<Principal> {

    @Override
    public Argument<Principal> argumentType() {
        return Argument.of(Principal.class);
    }

    @Override
    public BindingResult<Principal> bind(ArgumentConversionContext<Principal> context, HttpRequest<?> request) {
        Optional<Principal> principal = request.getUserPrincipal();
        return () -> principal;
    }
}
