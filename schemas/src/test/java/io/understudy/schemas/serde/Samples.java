package io.understudy.schemas.serde;

import io.understudy.contract.AssociateAddress;
import io.understudy.contract.CommandOutcome;
import io.understudy.contract.CommandResult;
import io.understudy.contract.ConfigureProxy;
import io.understudy.contract.EventMetadata;
import io.understudy.contract.InstanceFailed;
import io.understudy.contract.ProxyServer;
import io.understudy.contract.TakeoverKind;
import io.understudy.contract.TakeoverStarted;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One filled-in record of several contract types: plain fields, unions, enums, maps, arrays of records. */
final class Samples {
    private static final Instant AT = Instant.parse("2026-03-01T10:15:30.123Z");

    private Samples() {
    }

    static EventMetadata meta(String eventId) {
        return EventMetadata.newBuilder().setEventId(eventId).setEnvironmentId("env-1").setTakeoverId("tk-1")
                .setCausationId("cause-1").setOccurredAt(AT).setProducer("test").build();
    }

    static InstanceFailed instanceFailed() {
        return InstanceFailed.newBuilder().setMeta(meta("e-1")).setInstanceId("i-master").setReason("3 probes failed")
                .setLastHealthyAt(AT.minusSeconds(9)).setConsecutiveFailures(3).setObserver("health-monitor-0").build();
    }

    static AssociateAddress associateAddress() {
        return AssociateAddress.newBuilder().setMeta(meta("cmd-1")).setAllocationId("eipalloc-1").setInstanceId("i-slave").build();
    }

    static CommandResult commandResult() {
        return CommandResult.newBuilder().setMeta(meta("result:cmd-1")).setCommandId("cmd-1").setCommand("AssociateAddress")
                .setOutcome(CommandOutcome.SUCCEEDED).setRetriable(false).setError(null)
                .setOutputs(Map.of("associationId", "eipassoc-1")).build();
    }

    static TakeoverStarted takeoverStarted() {
        return TakeoverStarted.newBuilder().setMeta(meta("e-2")).setKind(TakeoverKind.MASTER_TAKEOVER)
                .setFailedInstanceId("i-master").setCandidateInstanceId("i-slave").setReason("InstanceFailed").build();
    }

    static ConfigureProxy configureProxy() {
        return ConfigureProxy.newBuilder().setMeta(meta("cmd-2")).setInstanceId("i-slave").setInstanceAddress("127.20.1.4")
                .setServers(List.of(new ProxyServer("i-slave", "127.20.1.4"), new ProxyServer("i-other", "127.20.1.5"))).build();
    }
}
