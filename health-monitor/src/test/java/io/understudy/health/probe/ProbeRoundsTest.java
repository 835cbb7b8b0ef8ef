package io.understudy.health.probe;

import com.sun.net.httpserver.HttpServer;
import io.understudy.health.detection.DetectorSettings;
import io.understudy.health.detection.Observation;
import io.understudy.health.detection.PhiAccrualDetector;
import io.understudy.health.detection.SelfSuspicion;
import io.understudy.health.detection.InstanceRef;
import io.understudy.health.detection.ProbeResult;
import io.understudy.health.watch.HealthWatch;
import io.understudy.health.watch.ProbeTarget;
import org.junit.jupiter.api.Test;

import java.net.BindException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ProbeRoundsTest {
    private static final String HEALTHY_ADDRESS = "127.0.0.1";
    private static final String HUNG_ADDRESS = "127.0.0.2";

    @Test
    void a_hung_instance_delays_nobody_and_is_probed_once_at_a_time() throws Exception {
        AtomicInteger healthyRequests = new AtomicInteger();
        HttpServer healthy = LoopbackServers.http(HEALTHY_ADDRESS, 0, 200, healthyRequests);
        int port = healthy.getAddress().getPort();
        try (LoopbackServers.Silent hung = silentOn(port)) {
            HealthWatch watch = new HealthWatch(new PhiAccrualDetector(settings()),
                    new SelfSuspicion(0.5, 3, Duration.ZERO, Duration.ofMinutes(10)), (instance, at) -> { }, (change, environments) -> { });
            ProbeTarget up = new ProbeTarget(new InstanceRef("env-1", "i-up"), HEALTHY_ADDRESS);
            ProbeTarget stuck = new ProbeTarget(new InstanceRef("env-1", "i-hung"), HUNG_ADDRESS);
            watch.environmentChanged(0, "env-1", List.of(up, stuck), Clock.systemUTC().instant());
            List<Observation> changes = new CopyOnWriteArrayList<>();
            List<ProbeResult> results = new CopyOnWriteArrayList<>();
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            // a long timeout: the hung probe stays out for the whole test
            HttpProber prober = new HttpProber(client, port, "/health", Duration.ofSeconds(30), Clock.systemUTC());

            try (ProbeRounds rounds = new ProbeRounds(watch, prober, Duration.ofMillis(20), 16, changes::add, results::add)) {
                rounds.start();

                await().atMost(Duration.ofSeconds(10)).until(() -> healthyRequests.get() >= 10);
                assertThat(hung.connections()).as("one probe of the hung instance at a time").isEqualTo(1);
                assertThat(rounds.outstanding()).isLessThanOrEqualTo(2);
            }
            assertThat(results).allMatch(ProbeResult::healthy);
            assertThat(changes).isEmpty();
        } finally {
            healthy.stop(0);
        }
    }

    @Test
    void a_failing_instance_is_suspected_by_the_rounds() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        HttpServer failing = LoopbackServers.http(HEALTHY_ADDRESS, 0, 500, requests);
        try {
            HealthWatch watch = new HealthWatch(new PhiAccrualDetector(settings()),
                    new SelfSuspicion(0.5, 3, Duration.ZERO, Duration.ofMinutes(10)), (instance, at) -> { }, (change, environments) -> { });
            ProbeTarget target = new ProbeTarget(new InstanceRef("env-1", "i-sick"), HEALTHY_ADDRESS);
            watch.environmentChanged(0, "env-1", List.of(target), Clock.systemUTC().instant());
            List<Observation> changes = new CopyOnWriteArrayList<>();
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpProber prober = new HttpProber(client, failing.getAddress().getPort(), "/health", Duration.ofSeconds(1), Clock.systemUTC());

            try (ProbeRounds rounds = new ProbeRounds(watch, prober, Duration.ofMillis(20), 16, changes::add, r -> { })) {
                rounds.start();

                await().atMost(Duration.ofSeconds(10)).until(() -> changes.size() >= 1 && requests.get() >= 6);
            }
            assertThat(changes).extracting(Observation::verdict).containsExactly(Observation.Verdict.SUSPECT);
            assertThat(changes.get(0).reason()).startsWith("never answered healthy within the 0s boot grace").endsWith(": HTTP 500");
        } finally {
            failing.stop(0);
        }
    }

    /** No boot grace: an instance that never answers is suspected at its first failed probe. */
    private static DetectorSettings settings() {
        DetectorSettings defaults = DetectorSettings.defaults(Duration.ofMillis(20));
        return new DetectorSettings(defaults.probeInterval(), defaults.threshold(), defaults.minStdDev(),
                defaults.acceptablePause(), defaults.window(), Duration.ZERO, defaults.stablePeriod(),
                defaults.flapWindow(), defaults.flapEpisodes());
    }

    private static LoopbackServers.Silent silentOn(int port) throws Exception {
        try {
            return new LoopbackServers.Silent(HUNG_ADDRESS, port);
        } catch (BindException e) {
            throw new IllegalStateException("port " + port + " is taken on " + HUNG_ADDRESS + "; run again", e);
        }
    }
}
