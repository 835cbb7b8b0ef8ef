package io.understudy.takeover.saga;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;

/**
 * Deterministic ids: replaying the same log yields the same takeover and command ids, and executing services
 * are idempotent on command ids, so a command sent twice is carried out once. A command id says which takeover,
 * step, candidate round and attempt it belongs to, so a result that comes back late can still be placed.
 */
public final class TakeoverIds {
    private TakeoverIds() {
    }

    /** Where a forward command id points: {@code step} of {@code round} (candidate), attempt {@code attempt}. */
    public record StepRef(String step, int round, int attempt) {
    }

    /** A name-based UUID of environment and triggering event: the same failure report always names the same takeover. */
    public static String takeover(String environmentId, String triggeringEventId) {
        byte[] name = (environmentId + "\n" + triggeringEventId).getBytes(StandardCharsets.UTF_8);
        return "takeover-" + UUID.nameUUIDFromBytes(name);
    }

    /** The check of a registration: a name-based UUID of environment and the registration's event id. */
    public static String registration(String environmentId, String registrationEventId) {
        byte[] name = (environmentId + "\n" + registrationEventId).getBytes(StandardCharsets.UTF_8);
        return "registration-" + UUID.nameUUIDFromBytes(name);
    }

    public static String command(String takeoverId, String step, int attempt) {
        return command(takeoverId, step, 1, attempt);
    }

    /** {@code takeover/step/attempt} for the first candidate, {@code takeover/step@round/attempt} for later ones. */
    public static String command(String takeoverId, String step, int round, int attempt) {
        return takeoverId + "/" + (round == 1 ? step : step + "@" + round) + "/" + attempt;
    }

    /** The {@code n}th command sent to undo what {@code commandId} did. */
    public static String undo(String commandId, int n) {
        return commandId + "/undo/" + n;
    }

    /** The attempt a command id ends with ({@code .../undo/<n>}, {@code .../verify/<n>}). */
    static int undoAttempt(String undoCommandId) {
        return Integer.parseInt(undoCommandId.substring(undoCommandId.lastIndexOf('/') + 1));
    }

    /** The command releasing what a late {@code commandId} created. */
    public static String release(String commandId) {
        return commandId + "/release";
    }

    /** The takeover id a command id starts with. */
    static String takeoverOf(String commandId) {
        int slash = commandId.indexOf('/');
        return slash < 0 ? commandId : commandId.substring(0, slash);
    }

    static Optional<StepRef> stepOf(String takeoverId, String commandId) {
        if (!commandId.startsWith(takeoverId + "/")) {
            return Optional.empty();
        }
        String[] parts = commandId.substring(takeoverId.length() + 1).split("/");
        if (parts.length != 2 || !parts[1].chars().allMatch(Character::isDigit) || parts[1].isEmpty()) {
            return Optional.empty();
        }
        String[] stepAndRound = parts[0].split("@");
        int round = stepAndRound.length == 2 && stepAndRound[1].chars().allMatch(Character::isDigit)
                && !stepAndRound[1].isEmpty() ? Integer.parseInt(stepAndRound[1]) : 1;
        return Optional.of(new StepRef(stepAndRound[0], round, Integer.parseInt(parts[1])));
    }
}
