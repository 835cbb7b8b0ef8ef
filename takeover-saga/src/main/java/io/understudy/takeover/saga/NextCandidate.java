package io.understudy.takeover.saga;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Once an aborted candidate's steps are undone: the same takeover with the next candidate, or its failure. */
final class NextCandidate {
    private NextCandidate() {
    }

    static void tryOrFail(Reaction reaction, Plan plan) {
        Takeover takeover = reaction.takeover();
        if (takeover.kind() == Takeover.Kind.SLAVE_REPLACEMENT || takeover.withdrawn()) {
            TakeoverEnd.failed(reaction, takeover.abortReason());
            return;
        }
        Instance next = next(reaction).orElse(null);
        if (next == null) {
            TakeoverEnd.failed(reaction, takeover.abortReason() + "; no other candidate left (tried "
                    + String.join(", ", tried(takeover)) + ")");
            return;
        }
        String reason = "candidate " + takeover.candidateInstanceId() + " abandoned: " + takeover.abortReason();
        reaction.updateTakeover(takeover.withCandidate(next.id(), takeover.steps()));
        reaction.updateTakeover(reaction.takeover().planned(plan.stepsForNextCandidate(reaction.context())));
        reaction.tell(new Event.TakeoverStarted(reaction.meta(takeover.id() + "/started@" + reaction.takeover().round()),
                takeover.kind(), takeover.failedInstanceId(), next.id(), reason));
        Release.readySteps(reaction, plan);
    }

    /**
     * The candidate to try once the current one is given up; empty for a slave replacement, which has none, and for
     * a takeover withdrawn because its failure was refuted.
     */
    static Optional<Instance> next(Reaction reaction) {
        Takeover takeover = reaction.takeover();
        if (takeover.kind() == Takeover.Kind.SLAVE_REPLACEMENT || takeover.withdrawn()) {
            return Optional.empty();
        }
        return Candidates.choose(reaction.environment(), tried(takeover));
    }

    private static List<String> tried(Takeover takeover) {
        List<String> tried = new ArrayList<>(takeover.abandonedCandidates());
        tried.add(takeover.candidateInstanceId());
        return tried;
    }
}
