package io.synod.core.statemachine;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Replicas stay identical only if applying a command cannot observe anything but the command and the prior
 * state: no clocks, no randomness, no threads, no I/O, no unordered hash iteration.
 */
class StateMachinePurityTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.synod.core.statemachine", "io.synod.core.codec");

    @Test
    void no_clock_randomness_threads_or_io() {
        noClasses().should().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(System.class, "nanoTime")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.time.Clock")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.time.Instant")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.Random")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.lang.Thread")
                .orShould().dependOnClassesThat().resideInAnyPackage("java.util.concurrent..", "java.net..",
                        "java.nio.file..", "jakarta..", "javax..")
                .check(CLASSES);
    }

    @Test
    void no_hash_ordered_collections_in_replicated_state() {
        noClasses().should().dependOnClassesThat()
                .haveFullyQualifiedName("java.util.HashMap")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.HashSet")
                .check(CLASSES);
    }

    @Test
    void packages_are_free_of_cycles() {
        slices().matching("io.synod.core.(**)").should().beFreeOfCycles().check(CLASSES);
    }
}
