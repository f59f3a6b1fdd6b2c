package org.corral;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The package map of DESIGN.md, held by a test rather than by memory. */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importMain() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.corral");
    }

    @Test
    void cgroupUsesOnlyTheJdkAndSys() {
        classes().that().resideInAPackage("org.corral.cgroup..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "org.corral.cgroup..", "org.corral.sys..")
                .because("the cgroup model must run on fixture trees and in any process, with no framework")
                .check(classes);
    }

    @Test
    void procUsesOnlyTheJdkAndCgroup() {
        classes().that().resideInAPackage("org.corral.proc..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "org.corral.proc..", "org.corral.cgroup..")
                .check(classes);
    }

    @Test
    void sysIsRawLibcOnly() {
        classes().that().resideInAPackage("org.corral.sys..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "com.sun.jna..", "org.corral.sys..")
                .check(classes);
    }

    @Test
    void sandboxUsesTheModelAndSysNotTheCliOrBackend() {
        classes().that().resideInAPackage("org.corral.sandbox..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "com.fasterxml.jackson..", "org.corral.sandbox..",
                        "org.corral.cgroup..", "org.corral.proc..", "org.corral.sys..", "org.corral.protocol..",
                        "org.corral.systemd..")
                .because("the launcher is called by the CLI and by the backend alike (JSON only for profiles, through CorralJson;"
                        + " systemd for the launch's scope where systemd owns the cgroups)")
                .check(classes);
    }

    @Test
    void nothingButTheUiUsesTheUi() {
        noClasses().that().resideOutsideOfPackage("org.corral.ui..")
                .should().dependOnClassesThat().resideInAPackage("org.corral.ui..")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void theUiAndCliDoNotReachIntoTheBackend() {
        noClasses().that().resideInAnyPackage("org.corral.ui..", "org.corral.cli..", "org.corral.client..")
                .should().dependOnClassesThat().resideInAPackage("org.corral.backend..")
                .because("they talk to the backend through org.corral.client and the protocol, never its internals")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void theCliDeclaresItsCommandsInCodeNotWithPicocliAnnotations() {
        noClasses().that().resideInAPackage("org.corral.cli..")
                .should().dependOnClassesThat().haveNameMatching(
                        "picocli\\.CommandLine\\$(Command|Option|Parameters|Spec|Mixin|ArgGroup|ParentCommand|Unmatched|HelpCommand)")
                .because("on Java 17 every annotation read at run time is a generated proxy class, 30-50 ms of a"
                        + " 150 ms corral tree (bench/RESULTS.md, row 3); org.corral.cli.Specs builds the model instead")
                .check(classes);
    }

    @Test
    void lowerLayersDoNotUseUpperOnes() {
        noClasses().that().resideInAnyPackage("org.corral.cgroup..", "org.corral.proc..", "org.corral.sys..", "org.corral.protocol..")
                .should().dependOnClassesThat().resideInAnyPackage("org.corral.cli..", "org.corral.backend..",
                        "org.corral.client..", "org.corral.sandbox..", "org.corral.systemd..")
                .check(classes);
    }

    @Test
    void systemdUsesTheCoreAndDbusJavaOnly() {
        classes().that().resideInAPackage("org.corral.systemd..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "org.corral.systemd..",
                        "org.corral.cgroup..", "org.corral.sys..", "org.freedesktop.dbus..")
                .check(classes);
    }

    @Test
    void onlySystemdTalksDbus() {
        noClasses().that().resideOutsideOfPackage("org.corral.systemd..")
                .should().dependOnClassesThat().resideInAPackage("org.freedesktop.dbus..")
                .because("the cgroup model stays free of D-Bus; org.corral.systemd is the one place that speaks it")
                .check(classes);
    }
}
