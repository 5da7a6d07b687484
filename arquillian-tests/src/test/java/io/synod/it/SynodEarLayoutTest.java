package io.synod.it;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The layout of synod.ear (for Payara Server; Payara Micro cannot run an EAR, see README.md): the node bean
 * in the EJB module, the core and the default configuration in lib/, the console at /synod without its own
 * copy of the node, and neither the API nor the adapter inside (they are shared stand-alone).
 */
class SynodEarLayoutTest {

    private static final Path EAR = Path.of(System.getProperty("synod.repo", ".."), "ear/target/synod.ear");

    @Test
    void theNodeBeanIsInTheEjbModuleAndTheConsoleIsAtSynod() throws IOException {
        try (ZipFile ear = new ZipFile(EAR.toFile())) {
            String applicationXml = new String(ear.getInputStream(ear.getEntry("META-INF/application.xml")).readAllBytes(), StandardCharsets.UTF_8);
            assertThat(applicationXml).contains("<ejb>synod-ejb.jar</ejb>")
                    .contains("<web-uri>synod-admin.war</web-uri>").contains("<context-root>/synod</context-root>")
                    .contains("<library-directory>lib</library-directory>").doesNotContain("<connector>");
            assertThat(ear.getEntry("lib/synod-core.jar")).isNotNull();
            assertThat(ear.getEntry("lib/synod-config.jar")).isNotNull();
            assertThat(ear.stream().map(ZipEntry::getName)).noneMatch(n -> n.contains("synod-api") || n.endsWith(".rar"));

            assertThat(entries(ear, "synod-ejb.jar")).contains("io/synod/ejb/node/SynodNode.class", "META-INF/beans.xml");
            assertThat(entries(ear, "synod-admin.war"))
                    .contains("WEB-INF/classes/io/synod/admin/console/OverviewView.class")
                    .noneMatch(n -> n.startsWith("WEB-INF/lib/synod-"));
        }
    }

    private static List<String> entries(ZipFile ear, String module) throws IOException {
        try (InputStream in = ear.getInputStream(ear.getEntry(module)); ZipInputStream zip = new ZipInputStream(in)) {
            List<String> names = new java.util.ArrayList<>();
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                names.add(entry.getName());
            }
            return names;
        }
    }
}
