package io.understudy.operator.connection;

import io.understudy.certificates.CertificateAuthority;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OperatorKeyOptionsTest {
    private static final Path DIR = Path.of("target", "operator-key-options-test").toAbsolutePath();
    private static final Path NO_STACK = DIR.resolve("no-stack");

    @BeforeAll
    static void operators() throws Exception {
        CertificateAuthority authority = CertificateAuthority.create("operators");
        for (String name : new String[]{"alice", "bob", "carol"}) {
            authority.issue("operator:" + name, java.util.List.of(), CertificateAuthority.Usage.CLIENT)
                    .writePem(DIR.resolve(name + ".pem"), DIR.resolve(name + ".key"));
        }
        Path stack = DIR.resolve("stack");
        Files.createDirectories(stack);
        Files.writeString(stack.resolve("stack.properties"), "operator.certificate=" + DIR.resolve("carol.pem")
                + "\noperator.key=" + DIR.resolve("carol.key") + "\n");
    }

    @Test
    void theOptionsComeFirstThenTheEnvironmentThenTheDevStack() {
        Map<String, String> bob = Map.of("UNDERSTUDY_OPERATOR_CERT", DIR.resolve("bob.pem").toString(),
                "UNDERSTUDY_OPERATOR_KEY", DIR.resolve("bob.key").toString());

        assertThat(OperatorKeyOptions.resolve(DIR.resolve("alice.pem"), DIR.resolve("alice.key"), DIR.resolve("stack"), bob)
                .principal()).isEqualTo("operator:alice");
        assertThat(OperatorKeyOptions.resolve(null, null, DIR.resolve("stack"), bob).principal()).isEqualTo("operator:bob");
        assertThat(OperatorKeyOptions.resolve(null, null, DIR.resolve("stack"), Map.of()).principal()).isEqualTo("operator:carol");
    }

    @Test
    void withoutAKeyTheErrorSaysHowToGetOne() {
        assertThatThrownBy(() -> OperatorKeyOptions.resolve(null, null, NO_STACK, Map.of()))
                .hasMessageContaining("--operator-cert FILE --operator-key FILE")
                .hasMessageContaining("UNDERSTUDY_OPERATOR_CERT").hasMessageContaining("understudy.operators.authorities");
    }

    @Test
    void aCertificateWithoutItsKeyOrAKeyThatIsNotThereIsRefused() {
        assertThatThrownBy(() -> OperatorKeyOptions.resolve(DIR.resolve("alice.pem"), null, NO_STACK, Map.of()))
                .hasMessageContaining("go together");
        assertThatThrownBy(() -> OperatorKeyOptions.resolve(null, null, NO_STACK,
                Map.of("UNDERSTUDY_OPERATOR_CERT", DIR.resolve("alice.pem").toString())))
                .hasMessageContaining("UNDERSTUDY_OPERATOR_KEY");
        assertThatThrownBy(() -> OperatorKeyOptions.resolve(DIR.resolve("alice.pem"), DIR.resolve("nobody.key"), NO_STACK, Map.of()))
                .hasMessageContaining("nobody.key");
    }
}
