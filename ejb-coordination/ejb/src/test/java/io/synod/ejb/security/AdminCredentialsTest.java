package io.synod.ejb.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class AdminCredentialsTest {

    @TempDir
    Path dataDir;

    @Test
    void configuredPasswordIsUsedAndNothingIsWritten() {
        AdminCredentials credentials = AdminCredentials.resolve("admin", Optional.of("s3cret-pass"), dataDir, m -> { });
        assertThat(credentials.matches("admin", "s3cret-pass")).isTrue();
        assertThat(credentials.matches("admin", "s3cret-pasS")).isFalse();
        assertThat(credentials.matches("root", "s3cret-pass")).isFalse();
        assertThat(credentials.matches(null, null)).isFalse();
        assertThat(dataDir.resolve(AdminCredentials.PASSWORD_FILE)).doesNotExist();
    }

    @Test
    void generatedPasswordIsStoredOwnerOnlyAndAnnouncedOnce() throws Exception {
        List<String> announced = new ArrayList<>();
        AdminCredentials first = AdminCredentials.resolve("admin", Optional.empty(), dataDir, announced::add);
        Path file = dataDir.resolve(AdminCredentials.PASSWORD_FILE);
        String stored = Files.readString(file).trim();

        assertThat(stored).hasSizeGreaterThanOrEqualTo(20);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(first.matches("admin", stored)).isTrue();
        assertThat(announced).singleElement().asString().contains(stored).contains(file.toString());

        AdminCredentials again = AdminCredentials.resolve("admin", Optional.empty(), dataDir, announced::add);
        assertThat(again.matches("admin", stored)).isTrue();
        assertThat(announced).hasSize(1);
    }

    @Test
    void twoNodesGenerateDifferentPasswords(@TempDir Path other) throws Exception {
        AdminCredentials.resolve("admin", Optional.empty(), dataDir, m -> { });
        AdminCredentials.resolve("admin", Optional.empty(), other, m -> { });
        assertThat(Files.readString(dataDir.resolve(AdminCredentials.PASSWORD_FILE)))
                .isNotEqualTo(Files.readString(other.resolve(AdminCredentials.PASSWORD_FILE)));
    }
}
