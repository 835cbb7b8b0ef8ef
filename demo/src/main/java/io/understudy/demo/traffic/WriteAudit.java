package io.understudy.demo.traffic;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Reads every acknowledged write back through the Elastic IP: a key that never comes back with its value is lost.
 *
 * <p>The master's HAProxy balances reads round robin over every app instance, and only the master holds /data,
 * so a slave answers 404 for any key. A first pass asks for all keys concurrently, a few times each: a key that
 * comes back is certainly kept. Only the rest are asked for again one at a time, with nothing else in between,
 * so that round robin reaches every instance several times before a key is declared lost.
 */
public final class WriteAudit {
    private static final int THREADS = 8;
    private static final int QUICK_ATTEMPTS = 4;

    private final AppHttp http;
    private final String baseUrl;
    private final int thoroughAttempts;

    public WriteAudit(AppHttp http, String baseUrl, int appInstances) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.thoroughAttempts = 3 * appInstances;
    }

    public record Result(int checked, List<String> lost) {
    }

    public Result check(Map<String, String> acknowledged) throws InterruptedException {
        ConcurrentLinkedQueue<String> unconfirmed = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            acknowledged.forEach((key, value) -> pool.execute(() -> {
                if (!readsBack(key, value, QUICK_ATTEMPTS)) {
                    unconfirmed.add(key);
                }
            }));
        } finally {
            pool.shutdown();
            pool.awaitTermination(10, TimeUnit.MINUTES);
        }
        List<String> lost = new ArrayList<>();
        for (String key : unconfirmed) {
            if (!readsBack(key, acknowledged.get(key), thoroughAttempts)) {
                lost.add(key);
            }
        }
        return new Result(acknowledged.size(), lost);
    }

    private boolean readsBack(String key, String value, int attempts) {
        for (int attempt = 0; attempt < attempts; attempt++) {
            AppHttp.Answer answer = http.get(baseUrl + "/data/" + key);
            if (answer.is(200) && value.equals(answer.body())) {
                return true;
            }
        }
        return false;
    }
}
