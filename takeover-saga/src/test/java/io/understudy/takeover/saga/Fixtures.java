package io.understudy.takeover.saga;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An environment of stack version 2024.1 with a master in zone a and two slaves; the slave with the lowest id
 * (i-s1, zone a) is listed last so that candidate choice by id is visible.
 */
final class Fixtures {
    static final String ENV = "env-1";
    static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    static final String STACK = "2024.1";
    static final String IMAGE = "ami-12c6146b";

    static final Instance MASTER = instance("i-m1", Instance.Role.APP_MASTER, "127.20.1.10", "us-east-1a", "vol-master");
    static final Instance SLAVE_B = instance("i-s2", Instance.Role.APP_SLAVE, "127.20.2.11", "us-east-1b", null);
    static final Instance SLAVE_A = instance("i-s1", Instance.Role.APP_SLAVE, "127.20.1.12", "us-east-1a", null);
    static final Instance UTILITY = instance("i-u1", Instance.Role.UTILITY, "127.20.1.13", "us-east-1a", null);

    private Fixtures() {
    }

    static Instance instance(String id, Instance.Role role, String address, String zone, String volume) {
        return new Instance(id, role, address, zone, STACK, IMAGE, volume, Instance.Status.RUNNING);
    }

    static Environment topology(int requiredCapacity, Instance... instances) {
        return Environment.registered(ENV, STACK, IMAGE, new Environment.ElasticIp("eipalloc-1", "198.51.100.7"),
                requiredCapacity, "/dev/sdf", Map.of("us-east-1a", "subnet-a", "us-east-1b", "subnet-b"),
                List.of(instances), Environment.FormerMasterPolicy.KEEP_STOPPED, T0);
    }

    static Environment withPolicy(Environment topology, Environment.FormerMasterPolicy policy) {
        return Environment.registered(topology.id(), topology.stackVersion(), topology.imageId(), topology.elasticIp(),
                topology.requiredCapacity(), topology.dataDevice(), topology.subnets(), topology.instances(), policy, T0);
    }

    /** The one takeover in flight, null when there is none; more than one fails the test. */
    static Takeover inFlight(Environment environment) {
        if (environment.takeovers().size() > 1) {
            throw new AssertionError("more than one takeover in flight: " + environment.takeovers().stream().map(Takeover::id).toList());
        }
        return environment.takeovers().isEmpty() ? null : environment.takeovers().get(0);
    }

    /** The takeover in flight about {@code instanceId} (that takes it over or replaces it). */
    static Takeover about(Environment environment, String instanceId) {
        return environment.takeovers().stream().filter(t -> instanceId.equals(t.failedInstanceId())).findFirst()
                .orElseThrow(() -> new AssertionError("no takeover in flight about " + instanceId + ": " + environment.takeovers()));
    }

    static Environment standardTopology() {
        return topology(2, MASTER, SLAVE_B, SLAVE_A, UTILITY);
    }

    static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }

    static Input.EnvironmentRegistered registered(Environment topology) {
        return registered("op-1", 0, topology);
    }

    static Input.EnvironmentRegistered registered(String eventId, int second, Environment topology) {
        return new Input.EnvironmentRegistered(eventId, at(second), topology, "operator-cli@ops-1");
    }

    /** The cloud's answer to a registration's check: every resource it names carries the environment's tag. */
    static Input.CommandResult verified(Environment pending, int second) {
        return succeeded(pending.registration().commandId(), second, Map.of());
    }

    static Input.InstanceFailed failed(String eventId, String instanceId, int second) {
        return new Input.InstanceFailed(eventId, at(second), instanceId, "3 probes failed");
    }

    static Input.CommandResult succeeded(String commandId, int second, Map<String, String> outputs) {
        return new Input.CommandResult("result:" + commandId, at(second), commandId, commandType(commandId), true, false, null, outputs);
    }

    static Input.CommandResult failedResult(String commandId, int second, String error) {
        return new Input.CommandResult("result:" + commandId, at(second), commandId, commandType(commandId), false, true, error, Map.of());
    }

    static Input.CommandResult permanentFailure(String commandId, int second, String error) {
        return new Input.CommandResult("result:" + commandId, at(second), commandId, commandType(commandId), false,
                false, error, Map.of());
    }

    static Input.Tick tick(int second) {
        return new Input.Tick(at(second));
    }

    /** The second opinion agrees: the instance does not answer from another vantage either. */
    static Input.CommandResult confirmed(String commandId, int second) {
        return succeeded(commandId, second, Autopilot.CONFIRMED);
    }

    private static final Map<String, String> COMMAND_TYPES = Map.ofEntries(Map.entry("fence", "StopInstance"),
            Map.entry("corroborate", "CorroborateFailure"),
            Map.entry("proxy", "ConfigureProxy"), Map.entry("snapshot", "SnapshotVolume"),
            Map.entry("volume", "CreateVolumeFromSnapshot"), Map.entry("attach", "AttachVolume"),
            Map.entry("pivot", "AssociateAddress"), Map.entry("role", "SetInstanceRole"),
            Map.entry("replacement", "RunInstance"), Map.entry("rejoin", "ConfigureProxy"),
            Map.entry("detach", "ConfigureProxy"), Map.entry("retire", "TerminateInstance"),
            Map.entry("restart", "StartInstance"), Map.entry("verify", "VerifyRegistration"));

    /** The command type an executing service names in its result, from the step in a forward command id. */
    static String commandType(String commandId) {
        String[] parts = commandId.split("/");
        if (parts.length != 3) {
            return parts.length > 3 && parts[3].equals("undo") ? "Undo" : "Unknown";
        }
        return COMMAND_TYPES.getOrDefault(parts[1].split("@")[0], "Unknown");
    }

    static Action.ProxyServer server(Instance instance) {
        return new Action.ProxyServer(instance.id(), instance.privateAddress());
    }

    static Action.ProxyServer server(String id, String address) {
        return new Action.ProxyServer(id, address);
    }

    static Meta meta(String eventId, String takeoverId, String causationId, int second) {
        return new Meta(eventId, ENV, takeoverId, causationId, at(second));
    }

    /** Feeds inputs to decide() one after the other, as the processor does, keeping every decision. */
    public static final class Run {
        public Environment state;
        final List<Decision> decisions = new ArrayList<>();

        Run(Environment topology) {
            state = Saga.decide(null, registered(topology)).state();
            state = Saga.decide(state, verified(state, 0)).state();
        }

        /** Registers again and, when the registration names something new, answers its check with success. */
        Decision register(Input.EnvironmentRegistered registration) {
            Decision decision = apply(registration);
            return state.registration() == null ? decision : apply(verified(state, (int) (registration.at().getEpochSecond() - T0.getEpochSecond())));
        }

        Decision apply(Input input) {
            Decision decision = Saga.decide(state, input);
            decisions.add(decision);
            state = decision.state();
            return decision;
        }

        StepProgress step(String name) {
            return Fixtures.inFlight(state).step(name).orElseThrow();
        }
    }
}
