package io.understudy.registry.http;

/** The media types Confluent clients send and accept; plain JSON is taken as well. */
final class RegistryMediaTypes {
    static final String V1 = "application/vnd.schemaregistry.v1+json";
    static final String DEFAULT = "application/vnd.schemaregistry+json";
    static final String JSON = "application/json";
    static final String OCTET_STREAM = "application/octet-stream";

    private RegistryMediaTypes() {
    }
}
