package io.synod.core.codec;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The envelope knows the consensus SPI and nothing else of the core; engines' families depend on it, never
 * the other way round. Otherwise a second engine would drag a cycle into the package graph.
 */
class CodecLayeringTest {

    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.synod.core.codec", "io.synod.core.consensus", "io.synod.core.raft",
                    "io.synod.core.paxos");

    @Test
    void codecDependsOnlyOnTheConsensusSpi() {
        classes().that().resideInAPackage("io.synod.core.codec")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.synod.core.codec",
                        "io.synod.core.consensus")
                .check(CORE);
    }

    @Test
    void codecConsensusAndTheEnginesFormNoCycle() {
        slices().matching("io.synod.core.(*)..").should().beFreeOfCycles()
                .check(CORE);
    }
}
