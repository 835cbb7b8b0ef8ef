package io.understudy.execution.kafka;

import io.micronaut.context.annotation.Requires;
import io.understudy.contract.AssociateAddress;
import io.understudy.execution.CommandHandler;
import io.understudy.execution.Outcome;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The tiny handler of the plumbing test: its behaviour is chosen by the instance id it is sent. */
@Singleton
@Requires(property = "test.echo-handler", value = "true")
class EchoHandler implements CommandHandler<AssociateAddress> {
    static final String THROW = "i-throws";
    static final String REFUSE = "i-refuses";

    @Override
    public Class<AssociateAddress> commandType() {
        return AssociateAddress.class;
    }

    private static final Map<String, AtomicInteger> RUNS = new ConcurrentHashMap<>();

    /** How often the handler ran for this command id, across every context of the test JVM. */
    static int runs(String commandId) {
        return RUNS.getOrDefault(commandId, new AtomicInteger()).get();
    }

    @Override
    public Outcome handle(AssociateAddress command) {
        RUNS.computeIfAbsent(command.getMeta().getEventId(), id -> new AtomicInteger()).incrementAndGet();
        return switch (command.getInstanceId()) {
            case THROW -> throw new IllegalStateException("the handler broke");
            case REFUSE -> Outcome.failedPermanently("refused " + command.getAllocationId());
            default -> Outcome.succeeded(Map.of("echo", command.getAllocationId() + "->" + command.getInstanceId()));
        };
    }
}
