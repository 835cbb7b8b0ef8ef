package io.understudy.takeover.saga;

import io.understudy.contract.FailureJudged;
import io.understudy.contract.FailureVerdict;
import io.understudy.contract.InstanceLaunched;
import io.understudy.contract.InstanceStopped;
import io.understudy.contract.ProxyConfigured;
import io.understudy.contract.SnapshotTaken;
import io.understudy.contract.VolumeCreated;
import io.understudy.schemas.outcome.Outputs;
import io.understudy.schemas.outcome.ResultOutputs;
import org.apache.avro.specific.SpecificRecord;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.understudy.takeover.saga.Fixtures.T0;

/**
 * Plays the executing services against a small model of the cloud, so that instances can die while the saga works:
 * a dead instance's HAProxy cannot be configured (a retriable failure), a second opinion on it confirms its failure
 * and one on a live instance refutes it; boots give new instances that are alive. Commands are answered one at a
 * time, oldest first; when none is left, time moves on (a tick a minute, then an hour) so that waits and timeouts
 * run out. After every decision it checks the product's promises in the saga's books and in the model's cloud, and
 * keeps the first broken one:
 * <ul>
 * <li>never two masters: at most one instance running in the saga's books as APP_MASTER, and at most one
 *     instance the cloud runs (not stopped) with the role tag app_master;</li>
 * <li>the address never moves onto a fenced instance, and never stays on one while another instance holds the master
 *     role (a master that dies after its pivot holds the address, fenced, until the next pivot: that is allowed);</li>
 * <li>never a forced stop without a confirmed second opinion.</li>
 * </ul>
 */
final class SimulatedCloud {
    record Proxy(String front, List<String> servers) {
    }

    final Fixtures.Run run;
    final List<Command> sent = new ArrayList<>();
    final List<Event> told = new ArrayList<>();
    final Set<String> dead = new HashSet<>();
    final Set<String> stopped = new HashSet<>();
    final Map<String, Instance.Role> roleTags = new HashMap<>();
    final Map<String, Proxy> proxies = new LinkedHashMap<>();
    final Set<String> confirmedFailures = new HashSet<>();
    String addressHolder;
    private String lastHolder;
    final List<String> broken = new ArrayList<>();
    private final Deque<Command> outstanding = new ArrayDeque<>();
    private final Map<Integer, List<String>> killsAfterAnswers = new HashMap<>();
    private final Map<String, Instance> booted = new LinkedHashMap<>();
    private int answers;
    private int boots;
    private Instant now = T0;

    SimulatedCloud(Environment topology) {
        run = new Fixtures.Run(topology);
        topology.instances().forEach(i -> roleTags.put(i.id(), i.role()));
        addressHolder = topology.runningMaster().map(Instance::id).orElse(null);
        lastHolder = addressHolder;
    }

    /** Kills these instances (all at once) once {@code answers} command results have been given, or all is quiet. */
    SimulatedCloud killAfter(int answers, String... instances) {
        killsAfterAnswers.computeIfAbsent(answers, n -> new ArrayList<>()).addAll(List.of(instances));
        return this;
    }

    /** Kills now: the processes die, EC2 still says running, and the health monitor declares each failed. */
    SimulatedCloud kill(String... instances) {
        now = now.plusMillis(100);
        for (String instance : instances) {
            dead.add(instance);
        }
        for (String instance : instances) {
            apply(new Input.InstanceFailed("health-" + instance + "@" + now.toEpochMilli(), now, instance, "connection refused"));
        }
        return this;
    }

    SimulatedCloud apply(Input input) {
        Decision decision = run.apply(input);
        sent.addAll(decision.commands());
        told.addAll(decision.events());
        outstanding.addAll(decision.commands());
        checkPromises();
        return this;
    }

    /** Answers until nothing is in flight and two quiet hours have passed, or gives up after many inputs. */
    SimulatedCloud settle() {
        int quietTicks = 0;
        for (int i = 0; i < 3000 && quietTicks < 3; i++) {
            List<String> due = killsAfterAnswers.remove(answers);
            if (due != null) {
                kill(due.toArray(String[]::new));
                continue;
            }
            Command command = outstanding.poll();
            if (command == null && !killsAfterAnswers.isEmpty()) {
                // fewer answers were needed than the kill waited for: it comes once all is quiet
                int first = killsAfterAnswers.keySet().stream().min(Integer::compare).orElseThrow();
                kill(killsAfterAnswers.remove(first).toArray(String[]::new));
                continue;
            }
            if (command == null) {
                now = now.plus(quietTicks == 0 ? Duration.ofMinutes(1) : Duration.ofHours(1));
                int before = sent.size();
                apply(new Input.Tick(now));
                boolean idle = sent.size() == before && run.state.takeovers().isEmpty() && killsAfterAnswers.isEmpty();
                quietTicks = idle ? quietTicks + 1 : 0;
                continue;
            }
            quietTicks = 0;
            now = now.plusMillis(250);
            answers++;
            apply(answer(command));
        }
        return this;
    }

    private Input.CommandResult answer(Command command) {
        Action action = command.action();
        if (action instanceof Action.CorroborateFailure c) {
            boolean down = dead.contains(c.instanceId()) || stopped.contains(c.instanceId());
            if (down) {
                confirmedFailures.add(c.instanceId());
            }
            return success(command, new FailureJudged(down ? FailureVerdict.confirmed : FailureVerdict.refuted,
                    down ? "connection refused" : "200 from /health"));
        }
        if (action instanceof Action.ConfigureProxy p) {
            if (dead.contains(p.instanceId()) || stopped.contains(p.instanceId())) {
                return failure(command, "cannot reach the HAProxy runtime API of " + p.instanceId());
            }
            Proxy previous = proxies.put(p.instanceId(), new Proxy(p.instanceId(),
                    p.servers().stream().map(Action.ProxyServer::instanceId).toList()));
            List<String> servers = p.servers().stream().map(Action.ProxyServer::instanceId).toList();
            return success(command, new ProxyConfigured(servers, previous == null ? List.of(p.instanceId())
                    : previous.servers(), List.of(), List.of(), List.of()));
        }
        if (action instanceof Action.StopInstance s) {
            if (s.force() && !confirmedFailures.contains(s.instanceId())) {
                broken.add("forced stop of " + s.instanceId() + " without a confirmed second opinion");
            }
            stopped.add(s.instanceId());
            roleTags.put(s.instanceId(), Instance.Role.FENCED);
            return success(command, new InstanceStopped("stopped", s.force() ? "fenced" : null));
        }
        if (action instanceof Action.StartInstance s) {
            stopped.remove(s.instanceId());
            dead.remove(s.instanceId());
            if (s.role() != null) {
                roleTags.put(s.instanceId(), s.role());
            }
            return success(command, null);
        }
        if (action instanceof Action.SetInstanceRole r) {
            roleTags.put(r.instanceId(), r.role());
            return success(command, null);
        }
        if (action instanceof Action.TerminateInstance t) {
            stopped.add(t.instanceId());
            return success(command, null);
        }
        if (action instanceof Action.AssociateAddress a) {
            if (addressHolder != null && !addressHolder.equals(a.instanceId()) && !a.expectedHolders().contains(addressHolder)) {
                return new Input.CommandResult("result:" + command.id(), now, command.id(), "AssociateAddress", false, false,
                        "held by " + addressHolder, Map.of(ResultOutputs.ERROR_CODE, ResultOutputs.ADDRESS_HELD_ELSEWHERE));
            }
            addressHolder = a.instanceId();
            return success(command, null);
        }
        if (action instanceof Action.RunInstance r) {
            Instance instance = boot(r);
            return success(command, new InstanceLaunched(instance.id(), instance.privateAddress(),
                    instance.availabilityZone(), "subnet-" + instance.availabilityZone(), instance.imageId(), List.of()));
        }
        if (action instanceof Action.SnapshotVolume) {
            return success(command, new SnapshotTaken("snap-" + answers));
        }
        if (action instanceof Action.CreateVolumeFromSnapshot) {
            return success(command, new VolumeCreated("vol-" + answers));
        }
        return success(command, null);
    }

    private Instance boot(Action.RunInstance run) {
        boots++;
        Instance instance = new Instance("i-new" + boots, Instance.Role.APP_SLAVE, "127.21.0." + boots,
                run.availabilityZone(), run.stackVersion(), run.imageId(), null, Instance.Status.RUNNING);
        booted.put(instance.id(), instance);
        roleTags.put(instance.id(), Instance.Role.APP_SLAVE);
        return instance;
    }

    /** A success as today's services answer: the typed output, and its map rendering beside it. */
    private Input.CommandResult success(Command command, SpecificRecord output) {
        return new Input.CommandResult("result:" + command.id(), now, command.id(),
                command.action().getClass().getSimpleName(), true, false, null, Outputs.render(output), output);
    }

    private Input.CommandResult failure(Command command, String error) {
        return new Input.CommandResult("result:" + command.id(), now, command.id(),
                command.action().getClass().getSimpleName(), false, true, error, Map.of());
    }

    private void checkPromises() {
        Environment state = run.state;
        long mastersInBooks = state.instances().stream()
                .filter(i -> i.role() == Instance.Role.APP_MASTER && i.running()).count();
        note(mastersInBooks > 1, "two running masters in the saga's books: " + state.instances());
        List<String> mastersInCloud = roleTags.entrySet().stream()
                .filter(e -> e.getValue() == Instance.Role.APP_MASTER && !stopped.contains(e.getKey()))
                .map(Map.Entry::getKey).sorted().toList();
        note(mastersInCloud.size() > 1, "two instances running with the app_master tag: " + mastersInCloud);
        boolean moved = addressHolder != null && !addressHolder.equals(lastHolder);
        note(moved && fenced(addressHolder), "the address moved onto the fenced instance " + addressHolder);
        note(!mastersInCloud.isEmpty() && addressHolder != null && fenced(addressHolder),
                "the address stays on the fenced " + addressHolder + " while " + mastersInCloud + " holds the master role");
        lastHolder = addressHolder;
    }

    private boolean fenced(String instance) {
        return roleTags.get(instance) == Instance.Role.FENCED || stopped.contains(instance);
    }

    private void note(boolean brokenNow, String what) {
        if (brokenNow && broken.size() < 10) {
            broken.add("after " + answers + " answers: " + what);
        }
    }

    /** Instances that serve: running in the saga's books and alive in the cloud. */
    List<String> servingAppInstances() {
        return run.state.instances().stream().filter(i -> i.servesApp() && i.running())
                .map(Instance::id).filter(id -> !dead.contains(id) && !stopped.contains(id)).sorted().toList();
    }

    Optional<Instance> master() {
        return run.state.runningMaster();
    }

    <T extends Event> List<T> events(Class<T> type) {
        return told.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Everything told and sent, in order, for a failing test's message. */
    String story() {
        StringBuilder story = new StringBuilder();
        for (int i = 0, c = 0; i < told.size(); i++) {
            story.append(told.get(i)).append('\n');
        }
        return story.toString();
    }
}
