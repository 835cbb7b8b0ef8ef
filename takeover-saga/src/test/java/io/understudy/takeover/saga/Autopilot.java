package io.understudy.takeover.saga;

import io.understudy.contract.FailureJudged;
import io.understudy.contract.FailureVerdict;
import io.understudy.contract.InstanceLaunched;
import io.understudy.contract.ProxyConfigured;
import io.understudy.contract.SnapshotTaken;
import io.understudy.contract.VolumeCreated;
import io.understudy.schemas.outcome.Outputs;
import org.apache.avro.specific.SpecificRecord;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static io.understudy.takeover.saga.Fixtures.*;

/**
 * Plays the executing services for a takeover: answers every command in the order sent, with the outputs a real
 * service reports, except those a test picks to fail or to leave unanswered; when nothing is left to answer,
 * time moves on by an hour (a tick), so timeouts and retry waits run out. Keeps everything decided.
 */
public final class Autopilot {
    public enum Answer { SUCCEED, FAIL_PERMANENTLY, FAIL_RETRIABLY, NEVER }

    static final Map<String, String> CONFIRMED = Map.of("verdict", "confirmed", "evidence", "connection refused");
    static final Map<String, String> REPLACEMENT = Map.of(
            "instanceId", "i-new", "privateAddress", "127.20.1.20", "availabilityZone", "us-east-1a");

    final Run run;
    final List<Command> sent = new ArrayList<>();
    final List<Event> told = new ArrayList<>();
    private final Deque<Command> outstanding = new ArrayDeque<>();
    private Predicate<Command> picked = c -> false;
    private Answer answer = Answer.SUCCEED;
    private Instant now = T0;

    public Autopilot(Environment topology) {
        run = new Run(topology);
    }

    /** Commands matching {@code which} get {@code how}; every other command succeeds. */
    public Autopilot answering(Predicate<Command> which, Answer how) {
        this.picked = which;
        this.answer = how;
        return this;
    }

    public Autopilot apply(Input input) {
        Decision decision = run.apply(input);
        sent.addAll(decision.commands());
        told.addAll(decision.events());
        outstanding.addAll(decision.commands());
        return this;
    }

    /** Runs until {@code done} holds for what was told, or gives up after many inputs. */
    public Autopilot until(Predicate<List<Event>> done) {
        for (int i = 0; i < 500 && !done.test(told); i++) {
            Command command = outstanding.poll();
            now = now.plusSeconds(1);
            if (command == null) {
                now = now.plus(Duration.ofHours(1));
                apply(new Input.Tick(now));
            } else if (!picked.test(command) || answer == Answer.SUCCEED) {
                apply(result(command, true, false, null));
            } else if (answer != Answer.NEVER) {
                apply(result(command, false, answer == Answer.FAIL_RETRIABLY, "refused by the test"));
            }
        }
        return this;
    }

    /** A success as today's services answer: the typed output, and its map rendering beside it. */
    private Input.CommandResult result(Command command, boolean succeeded, boolean retriable, String error) {
        SpecificRecord output = succeeded ? outputOf(command.action()) : null;
        return new Input.CommandResult("result:" + command.id(), now, command.id(),
                command.action().getClass().getSimpleName(), succeeded, retriable, error, Outputs.render(output), output);
    }

    static SpecificRecord outputOf(Action action) {
        if (action instanceof Action.CorroborateFailure) {
            return new FailureJudged(FailureVerdict.confirmed, "connection refused");
        }
        if (action instanceof Action.SnapshotVolume) {
            return new SnapshotTaken("snap-1");
        }
        if (action instanceof Action.CreateVolumeFromSnapshot create) {
            return new VolumeCreated("vol-new-" + create.availabilityZone());
        }
        if (action instanceof Action.RunInstance) {
            return new InstanceLaunched("i-new", "127.20.1.20", "us-east-1a", "subnet-a", "ami-1", List.of());
        }
        if (action instanceof Action.ConfigureProxy proxy) {
            return new ProxyConfigured(proxy.servers().stream().map(Action.ProxyServer::instanceId).toList(),
                    List.of(proxy.instanceId()), List.of(), List.of(), List.of());
        }
        return null;
    }

    static Predicate<Command> step(String step) {
        return c -> c.id().split("/").length == 3 && c.id().split("/")[1].equals(step);
    }

    static Predicate<List<Event>> ended() {
        return events -> events.stream().anyMatch(e -> e instanceof Event.TakeoverCompleted || e instanceof Event.TakeoverFailed);
    }

    static Predicate<List<Event>> secondCandidate() {
        return events -> events.stream().anyMatch(e -> e instanceof Event.TakeoverStarted s && s.meta().eventId().endsWith("@2"))
                || ended().test(events);
    }

    public Fixtures.Run run() {
        return run;
    }

    List<Action> undos() {
        return sent.stream().filter(c -> c.id().contains("/undo/")).map(Command::action).toList();
    }

    <T extends Event> List<T> events(Class<T> type) {
        return told.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
