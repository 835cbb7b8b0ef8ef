package io.understudy.demo.traffic;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/** A few concurrent clients sending steady reads and writes to one base URL (the Elastic IP) until stopped. */
public final class Traffic implements AutoCloseable {
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> clients = new ArrayList<>();
    private final TrafficLog log;

    private Traffic(TrafficLog log) {
        this.log = log;
    }

    public static Traffic start(String baseUrl, int clients, long pauseMillis, TrafficLog log) {
        Traffic traffic = new Traffic(log);
        AppHttp http = new AppHttp();
        for (int i = 0; i < clients; i++) {
            Thread thread = new Thread(new TrafficClient(i, baseUrl, http, log, traffic.running, pauseMillis), "traffic-" + i);
            thread.setDaemon(true);
            thread.start();
            traffic.clients.add(thread);
        }
        return traffic;
    }

    public TrafficLog log() {
        return log;
    }

    /** Stops sending and waits for the requests in flight, so the log is complete. */
    @Override
    public void close() {
        running.set(false);
        for (Thread client : clients) {
            try {
                client.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
