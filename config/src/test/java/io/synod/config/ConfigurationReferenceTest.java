package io.synod.config;

import io.synod.ejb.config.ConfigKey;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The documented keys, the shipped defaults and the keys the node reads must be the same set, with the same defaults. */
class ConfigurationReferenceTest {

    private static final Pattern ROW = Pattern.compile("^\\| `(synod\\.[a-z.-]+)` \\| ([^|]+) \\|", Pattern.MULTILINE);
    /** A Java string literal that is exactly a configuration key, e.g. {@code @ConfigProperty(name = "synod.x")}. */
    private static final Pattern KEY_LITERAL = Pattern.compile("\"(synod\\.[a-z][a-z0-9-]*(?:\\.[a-z0-9-]+)*)\"");
    /** Modules whose code may read MicroProfile Config (the core is pure Java and reads none). */
    private static final List<String> CONFIG_READING_MODULES = List.of("ejb-coordination/ejb", "web-admin",
            "jca-connector/api", "jca-connector/rar");

    @Test
    void everyKeyTheNodeReadsIsDocumentedAndNothingElse() throws IOException {
        Map<String, String> documented = documentedDefaults();
        Set<String> read = Arrays.stream(ConfigKey.values()).map(ConfigKey::key).collect(Collectors.toSet());
        assertThat(documented.keySet()).containsExactlyInAnyOrderElementsOf(read);
    }

    @Test
    void documentedDefaultsMatchTheCode() throws IOException {
        Map<String, String> documented = documentedDefaults();
        for (ConfigKey key : ConfigKey.values()) {
            key.defaultValue().ifPresent(value ->
                    assertThat(documented.get(key.key())).as(key.key()).isEqualTo("`" + value + "`"));
        }
    }

    @Test
    void shippedPropertiesCarryExactlyTheCodeDefaults() throws IOException {
        Properties shipped = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/META-INF/microprofile-config.properties")) {
            shipped.load(in);
        }
        for (ConfigKey key : ConfigKey.values()) {
            assertThat(shipped.getProperty(key.key())).as(key.key()).isEqualTo(key.defaultValue().orElse(null));
        }
        Set<String> synodKeys = shipped.stringPropertyNames().stream()
                .filter(k -> k.startsWith("synod.")).collect(Collectors.toSet());
        assertThat(synodKeys).allMatch(k -> Arrays.stream(ConfigKey.values()).anyMatch(c -> c.key().equals(k)));
    }

    @Test
    void noCodeReadsASynodKeyThatIsNotAConfigKey() throws IOException {
        Set<String> known = Arrays.stream(ConfigKey.values()).map(ConfigKey::key).collect(Collectors.toSet());
        Map<String, Path> literals = new TreeMap<>();
        for (String module : CONFIG_READING_MODULES) {
            Path sources = Path.of("..", module, "src/main/java");
            assertThat(sources).as("sources of " + module).isDirectory();
            try (Stream<Path> files = Files.walk(sources)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    Matcher matcher = KEY_LITERAL.matcher(Files.readString(file));
                    while (matcher.find()) {
                        literals.putIfAbsent(matcher.group(1), file);
                    }
                }
            }
        }
        literals.keySet().removeAll(known);
        assertThat(literals).as("keys spelled out in code but missing from ConfigKey (and so from CONFIGURATION.md)").isEmpty();
    }

    @Test
    void theTableIsReallyRead() throws IOException {
        // guards the two tests above against a table format change that would make them compare nothing
        assertThat(documentedDefaults()).hasSize(ConfigKey.values().length).containsEntry("synod.bootstrap-expect", "`3`");
    }

    private static Map<String, String> documentedDefaults() throws IOException {
        String table = Files.readString(Path.of("CONFIGURATION.md"));
        Map<String, String> rows = new LinkedHashMap<>();
        Matcher matcher = ROW.matcher(table);
        while (matcher.find()) {
            rows.put(matcher.group(1), matcher.group(2).trim());
        }
        return rows;
    }
}
