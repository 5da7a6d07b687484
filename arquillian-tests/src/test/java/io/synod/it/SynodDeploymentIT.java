package io.synod.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.File;
import java.net.URL;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Arquillian deploys the built synod.war (the node's EJB module inside) on a fresh Payara Micro instance
 * managed by arquillian-payara-micro-managed; synod-connector.rar is deployed before it by a post-boot
 * command (see arquillian.xml), as synod-cluster.sh does. bootstrap-expect is 1 here (failsafe environment),
 * so this single instance must become ready on its own.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SynodDeploymentIT {

    @Deployment(testable = false)
    static WebArchive synod() {
        Path repo = Path.of(System.getProperty("synod.repo", "..")).toAbsolutePath().normalize();
        File war = repo.resolve("web-admin/target/synod.war").toFile();
        return ShrinkWrap.create(ZipImporter.class, "synod.war").importFrom(war).as(WebArchive.class);
    }

    @ArquillianResource
    URL console;

    @Test
    void synodWarDeploysItsNodeStartsAndTheConsoleServesItsLoginPage() {
        // The HTTP listener is bound to 127.0.0.1 only; Arquillian reports the machine's host name.
        String base = "http://127.0.0.1:" + console.getPort();
        Http http = new Http();

        assertThat(console.getPath()).isEqualTo("/synod/");
        assertThat(http.get(base + "/synod/login.xhtml").body()).contains("Log in to the admin console");
        assertThat(http.get(base + "/health/live").body()).startsWith("{\"status\":\"UP\"").contains("\"name\":\"synod-node\"");
        String ready = http.get(base + "/health/ready").body();
        assertThat(ready).startsWith("{\"status\":\"UP\"").contains("\"name\":\"synod\"").contains("\"nodeId\":\"arq1\"")
                .containsPattern("\"membersVisible\":\"?1\"?");
    }
}
