package io.synod.core;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The core is a deterministic step function (DESIGN.md): no container, network, transport, clock or thread
 * may leak into it, or the simulation could no longer replay a run from its seed.
 */
class CorePurityTest {

    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.synod.core");

    @Test
    void coreDependsOnNoContainerNetworkOrTransport() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("jakarta..", "javax..", "java.net..", "com.hazelcast..", "io.netty..")
                .because("io.synod.core must stay pure Java (DESIGN.md: no jakarta.*, Hazelcast, Netty, java.net)")
                .check(CORE);
    }

    @Test
    void coreReadsNoClock() {
        noClasses().should().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(System.class, "nanoTime")
                .because("time in the core is ticks; a wall clock would break deterministic replay")
                .check(CORE);
    }

    @Test
    void coreStartsNoThread() {
        noClasses().should().callConstructorWhere(
                        com.tngtech.archunit.core.domain.JavaConstructorCall.Predicates.target(
                                com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner(
                                        com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo(Thread.class))))
                .because("the shell owns every thread; the core is driven from one")
                .check(CORE);
    }
}
