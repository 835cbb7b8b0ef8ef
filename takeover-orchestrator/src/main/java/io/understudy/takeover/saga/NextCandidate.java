package io.understudy.takeover.saga;

import java.util.ArrayList;
import java.util.List;

/** Once an aborted candidate's steps are undone: the same takeover with the next candidate, or its failure. */
final class NextCandidate {
    private NextCandidate() {
    }

    static void tryOrFail(Reaction reaction, Plan plan) {
        Takeover takeover = reaction.takeover();
        if (takeover.kind() == Takeover.Kind.SLAVE_REPLACEMENT) {
            TakeoverEnd.failed(reaction, takeover.abortReason());
            return;
        }
        List<String> abandoned = new ArrayList<>(takeover.abandonedCandidates());
        abandoned.add(takeover.candidateInstanceId());
        Instance next = Candidates.choose(reaction.environment(), abandoned).orElse(null);
        if (next == null) {
            TakeoverEnd.failed(reaction, takeover.abortReason() + "; no other candidate left (tried "
                    + String.join(", ", abandoned) + ")");
            return;
        }
        String reason = "candidate " + takeover.candidateInstanceId() + " abandoned: " + takeover.abortReason();
        reaction.updateTakeover(takeover.withCandidate(next.id(), takeover.steps()));
        reaction.updateTakeover(reaction.takeover().planned(
                plan.stepsForNextCandidate(new StepContext(reaction.environment()))));
        reaction.tell(new Event.TakeoverStarted(reaction.meta(takeover.id() + "/started@" + reaction.takeover().round()),
                takeover.kind(), takeover.failedInstanceId(), next.id(), reason));
        Release.readySteps(reaction, plan);
    }
}
