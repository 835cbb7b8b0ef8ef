package io.understudy.registry.access;

import io.understudy.http.BasicCredentials;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static io.understudy.registry.access.RegistryAccess.Verdict.ALLOWED;
import static io.understudy.registry.access.RegistryAccess.Verdict.FORBIDDEN;
import static io.understudy.registry.access.RegistryAccess.Verdict.UNAUTHENTICATED;
import static io.understudy.registry.access.RequestKind.READ;
import static io.understudy.registry.access.RequestKind.WRITE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RegistryAccessTest {
    private static final BasicCredentials WRITER = new BasicCredentials("registry-writer", "w-secret");
    private static final BasicCredentials READER = new BasicCredentials("registry-reader", "r-secret");

    @Test
    void onlyTheLookupsAmongPostsRead() {
        assertThat(RequestKind.of("GET", "/subjects/orders-value/versions/latest")).isEqualTo(READ);
        assertThat(RequestKind.of("HEAD", "/subjects")).isEqualTo(READ);
        assertThat(RequestKind.of("POST", "/subjects/orders-value")).isEqualTo(READ);
        assertThat(RequestKind.of("POST", "/subjects/orders-value/?normalize=true")).isEqualTo(READ);
        assertThat(RequestKind.of("POST", "/compatibility/subjects/orders-value/versions/latest")).isEqualTo(READ);
        assertThat(RequestKind.of("POST", "/subjects/orders-value/versions")).isEqualTo(WRITE);
        assertThat(RequestKind.of("POST", "/subjects")).isEqualTo(WRITE);
        assertThat(RequestKind.of("PUT", "/config")).isEqualTo(WRITE);
        assertThat(RequestKind.of("PUT", "/config/orders-value")).isEqualTo(WRITE);
        assertThat(RequestKind.of("PUT", "/mode")).isEqualTo(WRITE);
        assertThat(RequestKind.of("DELETE", "/subjects/orders-value")).isEqualTo(WRITE);
        assertThat(RequestKind.of("DELETE", "/subjects/orders-value/versions/1")).isEqualTo(WRITE);
        assertThat(RequestKind.of("DELETE", "/config/orders-value")).isEqualTo(WRITE);
        assertThat(RequestKind.of("PATCH", "/subjects/orders-value")).isEqualTo(WRITE);
    }

    @Test
    void writesNeedTheWriterAndTheReaderIsForbiddenRatherThanUnknown() {
        RegistryAccess access = new RegistryAccess(Optional.of(WRITER), Optional.of(READER), ReadAccess.AUTHENTICATED);

        assertThat(access.judge(WRITE, WRITER.header())).isEqualTo(ALLOWED);
        assertThat(access.judge(WRITE, READER.header())).isEqualTo(FORBIDDEN);
        assertThat(access.judge(WRITE, null)).isEqualTo(UNAUTHENTICATED);
        assertThat(access.judge(WRITE, new BasicCredentials("registry-writer", "guess").header())).isEqualTo(UNAUTHENTICATED);
        assertThat(access.judge(WRITE, "Bearer w-secret")).isEqualTo(UNAUTHENTICATED);
    }

    @Test
    void readsAreOpenOrNeedEitherUser() {
        RegistryAccess authenticated = new RegistryAccess(Optional.of(WRITER), Optional.of(READER), ReadAccess.AUTHENTICATED);
        RegistryAccess open = new RegistryAccess(Optional.of(WRITER), Optional.of(READER), ReadAccess.OPEN);

        assertThat(authenticated.judge(READ, READER.header())).isEqualTo(ALLOWED);
        assertThat(authenticated.judge(READ, WRITER.header())).isEqualTo(ALLOWED);
        assertThat(authenticated.judge(READ, null)).isEqualTo(UNAUTHENTICATED);
        assertThat(authenticated.judge(READ, new BasicCredentials("registry-reader", "nope").header())).isEqualTo(UNAUTHENTICATED);
        assertThat(open.judge(READ, null)).isEqualTo(ALLOWED);
        assertThat(open.judge(WRITE, null)).isEqualTo(UNAUTHENTICATED);
    }

    @Test
    void aRegistryWithoutWriterStartsOnlyWhenExplicitlyInsecure() {
        assertThatThrownBy(() -> RegistryAccess.fromSettings("", "", "authenticated", false))
                .hasMessageContaining("no writer credentials").hasMessageContaining("understudy.registry.insecure=true")
                .hasMessageContaining("UNDERSTUDY_REGISTRY_WRITER");

        RegistryAccess insecure = RegistryAccess.fromSettings("", "", "authenticated", true);
        assertThat(insecure.secured()).isFalse();
        assertThat(insecure.judge(WRITE, null)).isEqualTo(ALLOWED);
    }

    @Test
    void settingsAreReadAndCheckedWithoutEverEchoingAPassword() {
        RegistryAccess access = RegistryAccess.fromSettings("w:pass-w", "r:pass-r", "open", false);

        assertThat(access.writer()).contains(new BasicCredentials("w", "pass-w"));
        assertThat(access.reader()).contains(new BasicCredentials("r", "pass-r"));
        assertThat(access.reads()).isEqualTo(ReadAccess.OPEN);
        assertThat(access.toString()).doesNotContain("pass-w").doesNotContain("pass-r").contains("w").contains("open");
        assertThat(RegistryAccess.fromSettings(access.asSettings().get(RegistryAccess.WRITER).toString(),
                access.asSettings().get(RegistryAccess.READER).toString(), "open", false)).isEqualTo(access);
        assertThatThrownBy(() -> RegistryAccess.fromSettings("w:x", "r:y", "sometimes", false)).hasMessageContaining("open or authenticated");
        assertThatThrownBy(() -> RegistryAccess.fromSettings("only-a-user", "", "open", false))
                .hasMessageContaining("understudy.registry.writer");
        assertThatThrownBy(() -> RegistryAccess.fromSettings("same:a", "same:b", "open", false)).hasMessageNotContaining(":a");
    }

    @Test
    void generatedUsersHaveTheirOwnPasswords() {
        RegistryAccess generated = RegistryAccess.generated(ReadAccess.AUTHENTICATED);

        assertThat(generated.writer().orElseThrow().user()).isEqualTo(RegistryAccess.WRITER_USER);
        assertThat(generated.reader().orElseThrow().user()).isEqualTo(RegistryAccess.READER_USER);
        assertThat(generated.writer().orElseThrow().password()).isNotEqualTo(generated.reader().orElseThrow().password());
    }
}
