package io.understudy.invariants;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Says whether one sample of an environment breaks a promise, given what was seen before. Pure: the sampler
 * reads the cloud, this decides.
 *
 * <p>Never two masters: no two instances hold master duties at the same instant. EC2's view comes from one
 * DescribeInstances answer, which is one instant. The instances' own accounts are asked just before it, so an
 * instance that claims cron is set against another only where EC2 called that other one master at both readings
 * around the question; otherwise a fence and a role change falling between the two readings would look like
 * two masters that never were.
 *
 * <p>Never the address on a fenced instance: the Elastic IP must never arrive on an instance that is tagged
 * fenced, stopping, stopped, shutting down or terminated. The fence comes before the pivot, so a master fenced
 * while it still holds the address is its takeover under way, not a breach; the address coming to (or back to)
 * such an instance is one.
 */
public final class Judge {
    private Judge() {
    }

    /** The verdict, and the past to judge the next sample of the same environment with. */
    public record Verdict(Past next, Optional<String> violation) {
    }

    public static Verdict judge(Sample now, Past before) {
        Set<String> mastersByTag = now.instances().stream().filter(SampledInstance::masterByTag)
                .map(SampledInstance::instanceId).collect(Collectors.toSet());
        Past next = new Past(now.addressHolder(), mastersByTag);
        Optional<String> violation = twoMasters(now, before).or(() -> addressOnFenced(now, before));
        return new Verdict(next, violation);
    }

    private static Optional<String> twoMasters(Sample now, Past before) {
        List<SampledInstance> byTag = now.instances().stream().filter(SampledInstance::masterByTag).toList();
        if (byTag.size() > 1) {
            return Optional.of(byTag.size() + " instances hold master duties at once by EC2's tags: " + describe(byTag));
        }
        List<SampledInstance> holders = new ArrayList<>();
        for (SampledInstance instance : now.instances()) {
            boolean steadyMaster = instance.masterByTag() && before.mastersByTag().contains(instance.instanceId());
            if (steadyMaster || instance.claimsCron()) {
                holders.add(instance);
            }
        }
        if (holders.size() > 1) {
            return Optional.of(holders.size() + " instances hold master duties at once: " + describe(holders));
        }
        return Optional.empty();
    }

    private static Optional<String> addressOnFenced(Sample now, Past before) {
        String holder = now.addressHolder();
        if (holder == null || holder.equals(before.addressHolder())) {
            return Optional.empty();
        }
        return now.instances().stream().filter(i -> i.instanceId().equals(holder) && i.fencedOrDown()).findFirst()
                .map(i -> "the Elastic IP " + (before.addressHolder() == null ? "was associated with "
                        : "moved from " + before.addressHolder() + " onto ") + i.describe() + ", a fenced instance");
    }

    private static String describe(List<SampledInstance> instances) {
        return instances.stream().map(SampledInstance::describe).collect(Collectors.joining(" and "));
    }
}
