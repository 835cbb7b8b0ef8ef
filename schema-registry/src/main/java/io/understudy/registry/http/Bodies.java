package io.understudy.registry.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** Request and response bodies of the Confluent REST API, field names as Confluent spells them. */
final class Bodies {
    private Bodies() {
    }

    @Serdeable
    record SchemaRequest(@Nullable String schema, @Nullable String schemaType, @Nullable List<Reference> references) {
    }

    @Serdeable
    record Reference(@Nullable String name, @Nullable String subject, @Nullable Integer version) {
    }

    @Serdeable
    record IdResponse(int id) {
    }

    @Serdeable
    record SchemaResponse(String subject, int id, int version, String schema) {
    }

    @Serdeable
    record SchemaByIdResponse(String schema) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record CompatibilityResponse(@JsonProperty("is_compatible") boolean isCompatible, @Nullable List<String> messages) {
    }

    @Serdeable
    record ConfigRequest(@Nullable String compatibility) {
    }

    @Serdeable
    record ConfigChanged(String compatibility) {
    }

    @Serdeable
    record ConfigResponse(String compatibilityLevel) {
    }

    @Serdeable
    record ErrorResponse(@JsonProperty("error_code") int errorCode, String message) {
    }
}
