package io.understudy.registry.http;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.understudy.registry.RegistryEnvironment;
import io.understudy.registry.catalog.SchemaRegistry;

import java.util.Optional;

/** Compatibility levels: the global one and each subject's own. */
@Controller("/config")
@Requires(env = RegistryEnvironment.NAME)
@Consumes({RegistryMediaTypes.V1, RegistryMediaTypes.DEFAULT, RegistryMediaTypes.JSON, RegistryMediaTypes.OCTET_STREAM})
@Produces({RegistryMediaTypes.V1, RegistryMediaTypes.DEFAULT, RegistryMediaTypes.JSON})
class ConfigController {
    private final SchemaRegistry registry;

    ConfigController(SchemaRegistry registry) {
        this.registry = registry;
    }

    @Get
    Bodies.ConfigResponse global() {
        return new Bodies.ConfigResponse(registry.globalLevel().name());
    }

    @Put
    Bodies.ConfigChanged changeGlobal(@Body Bodies.ConfigRequest request) {
        return new Bodies.ConfigChanged(registry.changeLevel(Optional.empty(), request.compatibility()).name());
    }

    @Get("/{subject}")
    Bodies.ConfigResponse subject(@PathVariable String subject, @Nullable @QueryValue Boolean defaultToGlobal) {
        return new Bodies.ConfigResponse(registry.subjectLevel(subject, Boolean.TRUE.equals(defaultToGlobal)).name());
    }

    @Put("/{subject}")
    Bodies.ConfigChanged changeSubject(@PathVariable String subject, @Body Bodies.ConfigRequest request) {
        return new Bodies.ConfigChanged(registry.changeLevel(Optional.of(subject), request.compatibility()).name());
    }
}
