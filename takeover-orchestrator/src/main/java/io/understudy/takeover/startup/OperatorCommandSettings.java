package io.understudy.takeover.startup;

import io.understudy.intake.OperatorCommandCheck;
import io.understudy.signatures.OperatorTrust;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Whose operator commands the orchestrator acts on. Secure by default: operator commands must be signed by a
 * certificate of one of the operators' authorities ({@code understudy.operators.authorities}), and the signer's name
 * is what the saga records. Only {@code understudy.operators.unsigned: true} accepts unsigned commands, with the names
 * their writers declare; with neither, the orchestrator does not start.
 *
 * @param authorities a PEM file of the operators' CA certificates; blank: none
 * @param maxAge      how old a signed command may be when the orchestrator reads it
 * @param unsigned    the explicit insecure mode
 */
public record OperatorCommandSettings(String authorities, Duration maxAge, boolean unsigned) {
    public static final String AUTHORITIES = "understudy.operators.authorities";
    public static final String MAX_AGE = "understudy.operators.max-age";
    public static final String UNSIGNED = "understudy.operators.unsigned";
    private static final Logger LOG = LoggerFactory.getLogger(OperatorCommandSettings.class);

    /** The check the saga's intake applies; fails with what to set when there is nothing to check against. */
    public OperatorCommandCheck check() {
        if (authorities != null && !authorities.isBlank()) {
            Path file = Path.of(authorities);
            if (!Files.isReadable(file)) {
                throw new IllegalStateException(AUTHORITIES + " (UNDERSTUDY_OPERATORS_AUTHORITIES) names " + file
                        + ", which cannot be read: it must be a PEM file of the operators' CA certificates");
            }
            if (maxAge == null || maxAge.isNegative() || maxAge.isZero()) {
                throw new IllegalStateException(MAX_AGE + " (UNDERSTUDY_OPERATORS_MAX_AGE) must be positive, not " + maxAge);
            }
            OperatorTrust trust = OperatorTrust.fromPem(file);
            if (unsigned) {
                LOG.warn("{} is true but {} is set: operator commands are checked all the same", UNSIGNED, AUTHORITIES);
            }
            LOG.info("operator commands are acted on only when signed by an operator of {} and at most {} old", file, maxAge);
            return OperatorCommandCheck.signedBy(trust, maxAge);
        }
        if (unsigned) {
            LOG.warn("""
                    !!! INSECURE: {}=true. Operator commands (registrations, planned takeovers, pauses) are acted on \
                    WITHOUT a signature: anyone allowed to write understudy.operator-commands can drive Understudy, and \
                    the names recorded as who asked are whatever the writer claims. Set {} to the operators' CA \
                    certificates instead. !!!""", UNSIGNED, AUTHORITIES);
            return OperatorCommandCheck.unchecked();
        }
        throw new IllegalStateException("the orchestrator acts only on operator commands signed by an operator: set "
                + AUTHORITIES + " (UNDERSTUDY_OPERATORS_AUTHORITIES) to a PEM file of the operators' CA certificates,"
                + " or, to accept unsigned commands with self-declared names (insecure), " + UNSIGNED
                + "=true (UNDERSTUDY_OPERATORS_UNSIGNED)");
    }
}
