package io.understudy.takeover.saga;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A registration is checked against the cloud before the saga takes it in: its instances, data volumes and Elastic
 * IP must carry the environment's tag ({@code VerifyRegistration}, carried out by the provisioner), so a mistyped or
 * forged registration can never point Understudy at another environment's resources. Until the check passes the
 * environment stays as it was; a new one has no instances, so nothing is watched or acted on. A check that could not
 * be made (the cloud throttled, the provisioner down) is tried again; one that found a resource not the environment's
 * refuses the registration, and says so on the public topic.
 */
final class Registrations {
    static final Duration CHECK_TIMEOUT = Duration.ofMinutes(2);
    private static final RetryPolicy RETRY = RetryPolicy.upTo(10);
    private static final String IN_FLIGHT = "a takeover is in flight: register again once it has ended";

    private Registrations() {
    }

    static Decision onRegistered(Environment state, Input.EnvironmentRegistered registered) {
        Environment topology = registered.topology();
        Environment base = state != null ? state : topology.withInstances(List.of());
        Reaction reaction = new Reaction(registered, base);
        String check = TakeoverIds.registration(base.id(), registered.eventId());
        Registration pending = new Registration(registered.eventId(), topology, registered.by(), registered.at(),
                TakeoverIds.command(check, "verify", 1), registered.at(), null);
        if (state != null && !state.takeovers().isEmpty()) {
            refuse(reaction, pending, IN_FLIGHT);
        } else if (unchecked(state, topology).isEmpty()) {
            takeIn(reaction, pending);
        } else {
            send(reaction, pending);
        }
        return reaction.decision();
    }

    /**
     * The resources a registration names that the environment does not hold yet: only those need the check (a
     * registration that changes the capacity, or names again what was taken in, points nowhere new).
     */
    static Set<String> unchecked(Environment state, Environment topology) {
        Set<String> named = resources(topology);
        if (state != null) {
            named.removeAll(resources(state));
        }
        return named;
    }

    private static Set<String> resources(Environment environment) {
        Set<String> named = new HashSet<>();
        environment.instances().forEach(i -> {
            named.add(i.id());
            if (i.hasDataVolume()) {
                named.add(i.dataVolumeId());
            }
        });
        named.add(environment.elasticIp().allocationId());
        return named;
    }

    static boolean answers(Environment environment, Input.CommandResult result) {
        return environment.registration() != null && environment.registration().commandId().equals(result.commandId());
    }

    static void onResult(Reaction reaction, Input.CommandResult result) {
        Registration pending = reaction.environment().registration();
        if (result.succeeded()) {
            takeIn(reaction, pending);
        } else if (result.retriable()) {
            retryLater(reaction, pending);
        } else {
            refuse(reaction, pending, "a resource it names is not the environment's: "
                    + Objects.requireNonNullElse(result.error(), "no reason given"));
        }
    }

    /** A check not answered in time, or whose wait is over, goes again. */
    static void onTick(Reaction reaction, Input.Tick tick) {
        Registration pending = reaction.environment().registration();
        if (pending == null || reaction.environment().paused()) {
            return;
        }
        if (pending.retryAt() != null && !tick.at().isBefore(pending.retryAt())) {
            send(reaction, pending.sent(next(pending.commandId()), tick.at()));
        } else if (pending.retryAt() == null && !tick.at().isBefore(pending.sentAt().plus(CHECK_TIMEOUT))) {
            retryLater(reaction, pending);
        }
    }

    private static void send(Reaction reaction, Registration pending) {
        Environment topology = pending.topology();
        List<String> volumes = topology.instances().stream().filter(Instance::hasDataVolume).map(Instance::dataVolumeId).toList();
        Meta meta = new Meta(pending.commandId(), topology.id(), null, reaction.cause().eventId(), reaction.now());
        reaction.send(new Command(meta, new Action.VerifyRegistration(
                topology.instances().stream().map(Instance::id).toList(), volumes, topology.elasticIp().allocationId())));
        reaction.update(reaction.environment().withRegistration(pending));
    }

    /**
     * The topology replaces the old one, except while a takeover is in flight: its steps were built against the old
     * one, so the operator registers again once it has ended. A pause stays.
     */
    private static void takeIn(Reaction reaction, Registration pending) {
        Environment current = reaction.environment();
        if (!current.takeovers().isEmpty()) {
            refuse(reaction, pending, IN_FLIGHT);
            return;
        }
        reaction.update(pending.topology().withPause(current.pause()));
    }

    private static void retryLater(Reaction reaction, Registration pending) {
        int attempt = TakeoverIds.undoAttempt(pending.commandId());
        if (!RETRY.allowsAnother(attempt, true)) {
            refuse(reaction, pending, "its check against the cloud could not be made in " + attempt + " attempts");
            return;
        }
        reaction.update(reaction.environment().withRegistration(pending.waitingUntil(reaction.now().plus(RETRY.waitAfter(attempt)))));
    }

    private static void refuse(Reaction reaction, Registration pending, String reason) {
        String check = pending.commandId().substring(0, pending.commandId().indexOf('/'));
        reaction.tell(new Event.RegistrationRefused(new Meta(check + "/refused", pending.topology().id(), null,
                reaction.cause().eventId(), reaction.now()), "registration refused: " + reason, pending.by()));
        reaction.update(reaction.environment().withRegistration(null));
    }

    private static String next(String commandId) {
        int attempt = TakeoverIds.undoAttempt(commandId);
        return commandId.substring(0, commandId.lastIndexOf('/') + 1) + (attempt + 1);
    }
}
