package io.understudy.registry.http;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.understudy.registry.RegistryEnvironment;
import io.understudy.registry.catalog.SchemaRegistry;
import io.understudy.registry.catalog.VersionedSchema;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Subjects and their versions: register, look up, list. */
@Controller("/subjects")
@Requires(env = RegistryEnvironment.NAME)
@Consumes({RegistryMediaTypes.V1, RegistryMediaTypes.DEFAULT, RegistryMediaTypes.JSON, RegistryMediaTypes.OCTET_STREAM})
@Produces({RegistryMediaTypes.V1, RegistryMediaTypes.DEFAULT, RegistryMediaTypes.JSON})
class SubjectController {
    private final SchemaRegistry registry;

    SubjectController(SchemaRegistry registry) {
        this.registry = registry;
    }

    @Get
    List<String> subjects() {
        return registry.subjects();
    }

    @Post("/{subject}/versions")
    Bodies.IdResponse register(@PathVariable String subject, @Body Bodies.SchemaRequest request) {
        return new Bodies.IdResponse(registry.register(subject, SchemaRequests.avroText(request)));
    }

    @Post("/{subject}")
    Bodies.SchemaResponse lookup(@PathVariable String subject, @Body Bodies.SchemaRequest request) {
        return response(subject, registry.lookup(subject, SchemaRequests.avroText(request)));
    }

    @Get("/{subject}/versions")
    List<Integer> versions(@PathVariable String subject) {
        return registry.versions(subject);
    }

    @Get("/{subject}/versions/{version}")
    Bodies.SchemaResponse version(@PathVariable String subject, @PathVariable String version) {
        return response(subject, registry.version(subject, version));
    }

    @Get("/{subject}/versions/{version}/schema")
    byte[] versionSchema(@PathVariable String subject, @PathVariable String version) {
        return registry.version(subject, version).schema().toString().getBytes(StandardCharsets.UTF_8);
    }

    private static Bodies.SchemaResponse response(String subject, VersionedSchema found) {
        return new Bodies.SchemaResponse(subject, found.id(), found.version(), found.schema().toString());
    }
}
