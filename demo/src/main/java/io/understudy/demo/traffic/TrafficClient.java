package io.understudy.demo.traffic;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One user of the application: alternately writes a unique key and reads a page, through
 * the Elastic IP, with a short pause between requests so that the traffic is steady rather than a flood.
 */
final class TrafficClient implements Runnable {
    private final int number;
    private final String baseUrl;
    private final AppHttp http;
    private final TrafficLog log;
    private final AtomicBoolean running;
    private final long pauseMillis;

    TrafficClient(int number, String baseUrl, AppHttp http, TrafficLog log, AtomicBoolean running, long pauseMillis) {
        this.number = number;
        this.baseUrl = baseUrl;
        this.http = http;
        this.log = log;
        this.running = running;
        this.pauseMillis = pauseMillis;
    }

    @Override
    public void run() {
        for (int i = 0; running.get(); i++) {
            if (i % 2 == 0) {
                write(i);
            } else {
                read(i);
            }
            pause();
        }
    }

    private void write(int i) {
        String key = "c" + number + "-" + i + "-" + UUID.randomUUID().toString().substring(0, 8);
        String value = "value of " + key;
        long sent = System.currentTimeMillis();
        AppHttp.Answer answer = http.post(baseUrl + "/data/" + key, value);
        // only 201 means durable on /data: anything else, even another 2xx, is not a promise
        log.record(new Request(Request.Kind.WRITE, key, sent, System.currentTimeMillis(), answer.status(), answer.is(201)), value);
    }

    /** A page read: the master's HAProxy balances reads over every app instance. */
    private void read(int i) {
        long sent = System.currentTimeMillis();
        AppHttp.Answer answer = http.get(baseUrl + "/");
        log.record(new Request(Request.Kind.READ, "/", sent, System.currentTimeMillis(), answer.status(), answer.is(200)), null);
    }

    private void pause() {
        try {
            Thread.sleep(pauseMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.set(false);
        }
    }
}
