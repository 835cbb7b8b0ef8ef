package io.understudy.demo.traffic;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Every request the traffic sent, and the writes the application acknowledged (201) with the value written:
 * only those are promised to survive, so only those are read back after the takeover.
 */
public final class TrafficLog {
    private final List<Request> requests = new ArrayList<>();
    private final Map<String, String> acknowledged = new LinkedHashMap<>();
    private final Consumer<Request> listener;

    public TrafficLog(Consumer<Request> listener) {
        this.listener = listener;
    }

    public TrafficLog() {
        this(request -> { });
    }

    public void record(Request request, String writtenValue) {
        synchronized (this) {
            requests.add(request);
            if (request.kind() == Request.Kind.WRITE && request.ok()) {
                acknowledged.put(request.key(), writtenValue);
            }
        }
        listener.accept(request);
    }

    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    public synchronized Map<String, String> acknowledgedWrites() {
        return new LinkedHashMap<>(acknowledged);
    }
}
