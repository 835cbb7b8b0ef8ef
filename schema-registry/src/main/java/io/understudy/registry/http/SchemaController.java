package io.understudy.registry.http;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Produces;
import io.understudy.registry.RegistryEnvironment;
import io.understudy.registry.catalog.SchemaRegistry;

import java.nio.charset.StandardCharsets;

/** Schemas by their global id, which is what a deserializer has in hand. */
@Controller("/schemas/ids")
@Requires(env = RegistryEnvironment.NAME)
@Produces({RegistryMediaTypes.V1, RegistryMediaTypes.DEFAULT, RegistryMediaTypes.JSON})
class SchemaController {
    private final SchemaRegistry registry;

    SchemaController(SchemaRegistry registry) {
        this.registry = registry;
    }

    @Get("/{id}")
    Bodies.SchemaByIdResponse schema(@PathVariable int id) {
        return new Bodies.SchemaByIdResponse(registry.schema(id).toString());
    }

    @Get("/{id}/schema")
    byte[] rawSchema(@PathVariable int id) {
        return registry.schema(id).toString().getBytes(StandardCharsets.UTF_8);
    }
}
