package io.understudy.registry.http;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.core.annotation.Nullable;
import io.understudy.registry.RegistryEnvironment;
import io.understudy.registry.catalog.SchemaRegistry;

import java.util.List;

/** "Would this schema be accepted?" without registering it. */
@Controller("/compatibility/subjects")
@Requires(env = RegistryEnvironment.NAME)
@Consumes({RegistryMediaTypes.V1, RegistryMediaTypes.DEFAULT, RegistryMediaTypes.JSON, RegistryMediaTypes.OCTET_STREAM})
@Produces({RegistryMediaTypes.V1, RegistryMediaTypes.DEFAULT, RegistryMediaTypes.JSON})
class CompatibilityController {
    private final SchemaRegistry registry;

    CompatibilityController(SchemaRegistry registry) {
        this.registry = registry;
    }

    @Post("/{subject}/versions/{version}")
    Bodies.CompatibilityResponse check(@PathVariable String subject, @PathVariable String version,
                                       @Nullable @QueryValue Boolean verbose, @Body Bodies.SchemaRequest request) {
        List<String> violations = registry.compatibilityViolations(subject, version, SchemaRequests.avroText(request));
        return new Bodies.CompatibilityResponse(violations.isEmpty(), Boolean.TRUE.equals(verbose) ? violations : null);
    }
}
