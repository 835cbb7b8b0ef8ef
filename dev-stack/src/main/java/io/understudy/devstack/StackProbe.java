package io.understudy.devstack;

import io.understudy.http.CredentialedUrl;
import io.understudy.kafka.KafkaSettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Asks the broker and the registry whether they answer, the way their clients would. */
final class StackProbe {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private StackProbe() {
    }

    static boolean answers(StackAddresses addresses) {
        return brokerAnswers(addresses.kafka()) && registryAnswers(addresses.registry());
    }

    /** As the operator: it may describe the cluster, which every user may, with its own settings. */
    static boolean brokerAnswers(KafkaSettings operator) {
        Map<String, Object> config = operator.access().clientConfig();
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        try (Admin admin = Admin.create(config)) {
            return !admin.describeCluster().nodes().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).isEmpty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    /** With the credentials the URL carries as user info, sent as a header: reads may need them. */
    static boolean registryAnswers(String url) {
        try {
            CredentialedUrl registry = CredentialedUrl.parse(url);
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(registry.base() + "/subjects")).timeout(TIMEOUT).GET();
            registry.credentials().ifPresent(c -> request.header("Authorization", c.header()));
            HttpResponse<Void> response = HttpClient.newBuilder().connectTimeout(TIMEOUT).build().send(request.build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            return false;
        }
    }
}
