package io.understudy.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.understudy.http.BasicCredentials;
import io.understudy.http.CredentialedUrl;
import org.apache.avro.Schema;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Talks to any registry that speaks the Confluent Schema Registry REST API. Ids and schemas are immutable
 * once assigned, so both directions are cached for the life of the client.
 * <p>
 * Credentials come as Confluent's clients take them: user info in the URL ({@code http://user:password@host:8081}),
 * or given apart ({@link #HttpSchemaRegistryClient(CredentialedUrl, Duration)}). Java's HTTP client ignores user info,
 * so it is taken out of the base URL and sent as an {@code Authorization} header; messages name the URL without it.
 */
public final class HttpSchemaRegistryClient implements SchemaRegistryClient {
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI baseUri;
    private final Optional<BasicCredentials> credentials;
    private final HttpClient http;
    private final Duration timeout;
    private final Map<String, Integer> idsBySubjectAndSchema = new ConcurrentHashMap<>();
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();

    public HttpSchemaRegistryClient(String url) {
        this(url, Duration.ofSeconds(10));
    }

    public HttpSchemaRegistryClient(String url, Duration timeout) {
        this(parseUrl(url), timeout);
    }

    /** The registry at {@code url.base()}, authenticating with {@code url.credentials()} when there are any. */
    public HttpSchemaRegistryClient(CredentialedUrl url, Duration timeout) {
        String base = url.base().toString();
        this.baseUri = URI.create(base.endsWith("/") ? base : base + "/");
        this.credentials = url.credentials();
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    private static CredentialedUrl parseUrl(String url) {
        try {
            return CredentialedUrl.parse(url);
        } catch (IllegalArgumentException e) {
            // the URL itself may hold a password: name it redacted, and keep the parser's message (no password in it)
            throw new IllegalArgumentException("not a schema registry URL: " + CredentialedUrl.redact(url)
                    + " (" + e.getMessage() + ")");
        }
    }

    @Override
    public int register(String subject, Schema schema) {
        String canonical = schema.toString();
        return idsBySubjectAndSchema.computeIfAbsent(subject + '\u0000' + canonical, k -> {
            String body = JSON.createObjectNode().put("schema", canonical).toString();
            JsonNode answer = send(HttpRequest.newBuilder(resolve("subjects/" + encode(subject) + "/versions"))
                    .POST(HttpRequest.BodyPublishers.ofString(body)), "register a schema under " + subject);
            int id = answer.path("id").asInt(-1);
            if (id < 0) {
                throw new SchemaRegistryException("registry answered without an id for " + subject + ": " + answer, 0, false, null);
            }
            schemasById.putIfAbsent(id, schema);
            return id;
        });
    }

    /** Sets the subject's compatibility level (Confluent's names: BACKWARD, FULL_TRANSITIVE, ...). */
    public void setCompatibility(String subject, String level) {
        String body = JSON.createObjectNode().put("compatibility", level).toString();
        send(HttpRequest.newBuilder(resolve("config/" + encode(subject))).PUT(HttpRequest.BodyPublishers.ofString(body)),
                "set the compatibility of " + subject + " to " + level);
    }

    @Override
    public Schema schemaById(int id) {
        return schemasById.computeIfAbsent(id, k -> {
            JsonNode answer = send(HttpRequest.newBuilder(resolve("schemas/ids/" + id)).GET(), "fetch schema id " + id);
            String type = answer.path("schemaType").asText("AVRO");
            if (!"AVRO".equals(type)) {
                throw new SchemaRegistryException("schema id " + id + " is " + type + ", not Avro", 0, false, null);
            }
            return new Schema.Parser().parse(answer.path("schema").asText());
        });
    }

    private JsonNode send(HttpRequest.Builder request, String what) {
        HttpResponse<String> response;
        try {
            request.timeout(timeout).header("Content-Type", CONTENT_TYPE).header("Accept", CONTENT_TYPE);
            credentials.ifPresent(c -> request.header("Authorization", c.header()));
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new SchemaRegistryException("schema registry at " + baseUri + " unreachable, cannot " + what + ": " + e, 0, true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException("interrupted, cannot " + what, 0, true, e);
        }
        JsonNode body = parse(response.body());
        if (response.statusCode() / 100 != 2) {
            int code = body.path("error_code").asInt(response.statusCode());
            String message = body.path("message").asText(response.body());
            if (response.statusCode() == 401 || response.statusCode() == 403) {
                throw refused(response.statusCode(), code, message, what);
            }
            boolean retriable = response.statusCode() >= 500 || response.statusCode() == 429;
            throw new SchemaRegistryException("schema registry cannot " + what + ": " + code + " " + message, code, retriable, null);
        }
        return body;
    }

    /** Not retriable: the same credentials get the same answer until someone changes the configuration. */
    private SchemaRegistryException refused(int status, int code, String message, String what) {
        String how = "give the registry's credentials as user info in schema.registry.url or as basic.auth.user.info"
                + " with basic.auth.credentials.source=USER_INFO";
        String why;
        if (status == 403) {
            why = "the credentials of " + credentials.map(BasicCredentials::user).orElse("(none)") + " are right but may not"
                    + " do this: changing the registry needs its writer's credentials, not a reader's";
        } else if (credentials.isEmpty()) {
            why = "credentials are missing: " + how;
        } else {
            why = "the credentials of " + credentials.get().user() + " are wrong: " + how;
        }
        int errorCode = code == status ? status * 100 + 1 : code;
        return new SchemaRegistryException("schema registry at " + baseUri + " refused to " + what + ": " + why
                + " (" + errorCode + " " + message + ")", errorCode, false, null);
    }

    /** The registry's address without credentials, as messages may show it. */
    public String describe() {
        return credentials.map(c -> CredentialedUrl.with(baseUri.toString(), c)).map(CredentialedUrl::redact)
                .orElse(baseUri.toString());
    }

    @Override
    public String toString() {
        return "HttpSchemaRegistryClient[" + describe() + "]";
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (IOException e) {
            return JSON.createObjectNode().put("message", body);
        }
    }

    private URI resolve(String path) {
        return baseUri.resolve(path);
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
