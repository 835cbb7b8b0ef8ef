package io.understudy.takeover.startup;

import io.micronaut.context.ApplicationContext;
import io.understudy.certificates.CertificateAuthority;
import io.understudy.intake.OperatorCommandCheck;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OperatorCommandSettingsTest {
    private static final Path DIR = Path.of("target", "operator-command-settings-test").toAbsolutePath();

    @Test
    void withoutAuthoritiesOrTheInsecureSwitchNothingStarts() {
        assertThatThrownBy(() -> new OperatorCommandSettings("", Duration.ofMinutes(15), false).check())
                .hasMessageContaining("understudy.operators.authorities")
                .hasMessageContaining("UNDERSTUDY_OPERATORS_AUTHORITIES")
                .hasMessageContaining("understudy.operators.unsigned=true");
    }

    @Test
    void theServiceRefusesToStartWithoutAuthorities() {
        // the saga host needs the check: the context fails before anything reaches for Kafka
        assertThatThrownBy(() -> ApplicationContext.run(Map.of("micronaut.server.port", -1)).close())
                .satisfies(e -> assertThat(messages(e)).contains("understudy.operators.authorities"));
    }

    @Test
    void theInsecureSwitchAcceptsUnsignedCommands() {
        assertThat(new OperatorCommandSettings("", Duration.ofMinutes(15), true).check())
                .usingRecursiveComparison().isEqualTo(OperatorCommandCheck.unchecked());
    }

    @Test
    void authoritiesMakeTheCheckSignedEvenWithTheInsecureSwitch() throws Exception {
        Path authorities = DIR.resolve("operators-ca.pem");
        CertificateAuthority.create("operators").writeCertificate(authorities);

        OperatorCommandCheck check = new OperatorCommandSettings(authorities.toString(), Duration.ofMinutes(15), true).check();

        assertThat(check).usingRecursiveComparison().isNotEqualTo(OperatorCommandCheck.unchecked());
    }

    @Test
    void unreadableAuthoritiesOrANonPositiveMaxAgeAreRefused() throws Exception {
        Path authorities = DIR.resolve("operators-ca-2.pem");
        CertificateAuthority.create("operators").writeCertificate(authorities);

        assertThatThrownBy(() -> new OperatorCommandSettings(DIR.resolve("missing.pem").toString(), Duration.ofMinutes(15), false).check())
                .hasMessageContaining("missing.pem").hasMessageContaining("cannot be read");
        assertThatThrownBy(() -> new OperatorCommandSettings(authorities.toString(), Duration.ZERO, false).check())
                .hasMessageContaining("understudy.operators.max-age");
        Files.writeString(DIR.resolve("not-a-certificate.pem"), "hello");
        assertThatThrownBy(() -> new OperatorCommandSettings(DIR.resolve("not-a-certificate.pem").toString(), Duration.ofMinutes(15), false).check())
                .hasMessageContaining("not-a-certificate.pem");
    }

    private static String messages(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }
}
