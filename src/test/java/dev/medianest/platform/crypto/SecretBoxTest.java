package dev.medianest.platform.crypto;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretBoxTest {

    @TempDir
    Path dataDir;

    @Test
    void a_sealed_secret_opens_with_the_same_key_and_differs_each_time() {
        SecretBox box = new SecretBox(SecretKeyFile.load(Optional.empty(), dataDir));
        String first = box.seal("radarr-api-key-0123456789");
        String second = box.seal("radarr-api-key-0123456789");
        assertThat(first).startsWith("v1:").doesNotContain("radarr-api-key").isNotEqualTo(second);
        assertThat(box.open(first)).isEqualTo("radarr-api-key-0123456789");
    }

    @Test
    void another_key_or_an_altered_value_is_detected() {
        SecretBox box = new SecretBox(SecretKeyFile.load(Optional.empty(), dataDir));
        String sealed = box.seal("secret");
        SecretBox other = new SecretBox(new byte[32]);
        assertThatThrownBy(() -> other.open(sealed)).isInstanceOf(SecretBox.WrongKeyException.class);
        byte[] raw = Base64.getDecoder().decode(sealed.substring(3));
        raw[raw.length - 1] ^= 1;
        assertThatThrownBy(() -> box.open("v1:" + Base64.getEncoder().encodeToString(raw))).isInstanceOf(SecretBox.WrongKeyException.class);
        assertThatThrownBy(() -> box.open("plain")).isInstanceOf(SecretBox.WrongKeyException.class);
    }

    @Test
    void the_generated_key_file_is_private_and_reused() throws Exception {
        byte[] first = SecretKeyFile.load(Optional.empty(), dataDir);
        Path file = dataDir.resolve(SecretKeyFile.FILE_NAME);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(SecretKeyFile.load(Optional.empty(), dataDir)).isEqualTo(first);
    }

    @Test
    void the_environment_key_wins_and_a_bad_one_is_explained() {
        String base64 = Base64.getEncoder().encodeToString(new byte[32]);
        assertThat(SecretKeyFile.load(Optional.of(base64), dataDir)).hasSize(32);
        assertThat(SecretKeyFile.load(Optional.of("00".repeat(32)), dataDir)).hasSize(32);
        assertThatThrownBy(() -> SecretKeyFile.load(Optional.of("too-short"), dataDir))
                .hasMessageContaining("MEDIANEST_SECRET_KEY").hasMessageContaining("openssl rand -base64 32");
        assertThat(dataDir.resolve(SecretKeyFile.FILE_NAME)).doesNotExist();
    }
}
