package io.synod.ejb.node;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DataDirectoryLockTest {

    @TempDir
    Path root;

    @Test
    void createsTheDirectoryAndRefusesASecondNode() {
        Path dir = root.resolve("a/b/n1");
        try (DataDirectoryLock ignored = DataDirectoryLock.acquire(dir)) {
            assertThat(dir).isDirectory();
            assertThatThrownBy(() -> DataDirectoryLock.acquire(dir))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("in use by another Synod node");
        }
        DataDirectoryLock.acquire(dir).close();
    }

    @Test
    void unwritableParentIsAClearError() {
        Path file = root.resolve("plain-file");
        assertThatThrownBy(() -> {
            java.nio.file.Files.writeString(file, "x");
            DataDirectoryLock.acquire(file.resolve("n1"));
        }).isInstanceOf(IllegalStateException.class).hasMessageContaining("cannot create data directory");
    }
}
