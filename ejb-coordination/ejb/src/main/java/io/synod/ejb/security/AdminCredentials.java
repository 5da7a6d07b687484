package io.synod.ejb.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A console user's name and password digest: the administrator, and (through {@link #configured}) the
 * read-only viewer. For the administrator with no configured password there is no built-in default: the node
 * generates a random one at first start, keeps it in {@code <data dir>/admin-password} (owner-only), and
 * logs it once, at generation.
 */
public final class AdminCredentials {

    static final String PASSWORD_FILE = "admin-password";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String username;
    private final byte[] passwordDigest;

    private AdminCredentials(String username, String password) {
        this.username = username;
        this.passwordDigest = sha256(password);
    }

    /**
     * @param configured the password from configuration, if any
     * @param announce   receives the one-time message when a password is generated
     */
    public static AdminCredentials resolve(String username, Optional<String> configured, Path dataDir,
                                           Consumer<String> announce) {
        if (configured.isPresent()) {
            return new AdminCredentials(username, configured.get());
        }
        Path file = dataDir.resolve(PASSWORD_FILE);
        try {
            if (Files.exists(file)) {
                return new AdminCredentials(username, Files.readString(file, StandardCharsets.UTF_8).trim());
            }
            String generated = generate();
            writeOwnerOnly(file, generated);
            announce.accept("Generated the admin console password for user '" + username + "': " + generated
                    + " (kept in " + file + "; set synod.admin.password to choose your own)");
            return new AdminCredentials(username, generated);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read or create " + file + ": " + e.getMessage(), e);
        }
    }

    /** A user whose password is configured, never generated: the read-only viewer. */
    public static AdminCredentials configured(String username, String password) {
        return new AdminCredentials(username, password);
    }

    public String username() {
        return username;
    }

    /** Constant-time check of a login attempt. */
    public boolean matches(String candidateUser, String candidatePassword) {
        if (candidateUser == null || candidatePassword == null) {
            return false;
        }
        boolean userOk = MessageDigest.isEqual(sha256(candidateUser), sha256(username));
        boolean passwordOk = MessageDigest.isEqual(sha256(candidatePassword), passwordDigest);
        return userOk & passwordOk;
    }

    private static String generate() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void writeOwnerOnly(Path file, String content) throws IOException {
        Path temp = file.resolveSibling(PASSWORD_FILE + ".tmp");
        Files.deleteIfExists(temp);
        try {
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException | FileAlreadyExistsException e) {
            Files.createFile(temp);
        }
        Files.writeString(temp, content + "\n", StandardCharsets.UTF_8);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
