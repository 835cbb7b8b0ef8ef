package io.understudy.registry.http;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.understudy.registry.RegistryEnvironment;
import io.understudy.registry.catalog.RegistryError;
import jakarta.inject.Singleton;

/** Confluent's error body; the HTTP status is the error code's first three digits (40401 is a 404). */
@Singleton
@Requires(env = RegistryEnvironment.NAME)
@Produces
class RegistryErrorHandler implements ExceptionHandler<RegistryError, HttpResponse<Bodies.ErrorResponse>> {

    @Override
    public HttpResponse<Bodies.ErrorResponse> handle(HttpRequest request, RegistryError error) {
        int code = error.errorCode();
        int status = code >= 10_000 ? code / 100 : code;
        return HttpResponse.<Bodies.ErrorResponse>status(HttpStatus.valueOf(status))
                .contentType(MediaType.of(RegistryMediaTypes.V1))
                .body(new Bodies.ErrorResponse(code, error.getMessage()));
    }
}
