package io.understudy.registry.http;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.understudy.http.BasicCredentials;
import io.understudy.registry.RegistryEnvironment;
import io.understudy.registry.access.RegistryAccess;
import io.understudy.registry.access.RequestKind;

/**
 * HTTP basic authentication of the REST API, in one place: writes need the writer, reads the reader or the writer
 * (or no one, when reads are open). Refusals carry Confluent's bodies, 401 (40101) with a challenge when the
 * credentials are missing or wrong, 403 (40301) when the reader tries to write. The management endpoints
 * ({@code /health}, {@code /prometheus}) are not the registry's API and are left to their own settings.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@Requires(env = RegistryEnvironment.NAME)
class RegistryAccessFilter {
    static final String REALM = "schema-registry";

    private final RegistryAccess access;

    RegistryAccessFilter(RegistryAccess access) {
        this.access = access;
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> authorize(HttpRequest<?> request) {
        String path = request.getPath();
        if (management(path)) {
            return null;
        }
        RequestKind kind = RequestKind.of(request.getMethodName(), path);
        return switch (access.judge(kind, request.getHeaders().get(HttpHeaders.AUTHORIZATION))) {
            case ALLOWED -> null;
            case UNAUTHENTICATED -> refusal(HttpStatus.UNAUTHORIZED, 40101, request.getHeaders().contains(HttpHeaders.AUTHORIZATION)
                    ? "Unauthorized: the credentials given are wrong" : "Unauthorized: this request needs credentials (HTTP basic)")
                    .header(HttpHeaders.WWW_AUTHENTICATE, BasicCredentials.challenge(REALM));
            case FORBIDDEN -> refusal(HttpStatus.FORBIDDEN, 40301, "Forbidden: user "
                    + access.reader().map(BasicCredentials::user).orElse("?") + " may read the registry but not change it ("
                    + request.getMethodName() + " " + path + ")");
        };
    }

    private static io.micronaut.http.MutableHttpResponse<Bodies.ErrorResponse> refusal(HttpStatus status, int code, String message) {
        return HttpResponse.<Bodies.ErrorResponse>status(status)
                .contentType(MediaType.of(RegistryMediaTypes.V1))
                .body(new Bodies.ErrorResponse(code, message));
    }

    private static boolean management(String path) {
        return path.equals("/health") || path.startsWith("/health/") || path.equals("/prometheus");
    }
}
