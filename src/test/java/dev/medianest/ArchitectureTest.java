package dev.medianest;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The layout of DESIGN.md and the habits of STYLE.md, checked on every build. */
class ArchitectureTest {

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("/gg/jte/generated/"))
                .importPackages("dev.medianest");
    }

    @Test
    void channels_never_import_each_other() {
        slices().matching("dev.medianest.channels.(*)..").should().notDependOnEachOther().check(main);
    }

    @Test
    void features_do_not_depend_on_channels_or_integrations() {
        noClasses().that().resideInAPackage("dev.medianest.features..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.medianest.channels..", "dev.medianest.integrations..")
                .check(main);
    }

    @Test
    void features_speak_no_http() {
        noClasses().that().resideInAPackage("dev.medianest.features..")
                .should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "jakarta.servlet..", "org.eclipse.jetty..", "java.net.http..")
                .check(main);
    }

    @Test
    void data_access_stays_inside_its_feature() {
        classes().that().resideInAPackage("dev.medianest.features..").and().haveSimpleNameEndingWith("Store")
                .should().notBePublic()
                .because("other features and channels use a feature's use cases, never its tables")
                .check(main);
    }

    @Test
    void platform_depends_on_nothing_above_it() {
        noClasses().that().resideInAPackage("dev.medianest.platform..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.medianest.features..", "dev.medianest.channels..",
                        "dev.medianest.integrations..")
                .check(main);
    }

    @Test
    void integrations_never_import_channels() {
        noClasses().that().resideInAPackage("dev.medianest.integrations..")
                .should().dependOnClassesThat().resideInAPackage("dev.medianest.channels..")
                .allowEmptyShould(true)
                .check(main);
    }

    /**
     * An integration implements a feature's port and uses the feature's records, never its use
     * cases: a Radarr adapter that called the request portal would tie the two together both ways.
     */
    @Test
    void integrations_use_ports_not_use_cases() {
        noClasses().that().resideInAPackage("dev.medianest.integrations..")
                .should().dependOnClassesThat().haveFullyQualifiedName("dev.medianest.features.requests.Requests")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.medianest.features.requests.RequestDispatcher")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.medianest.features.requests.RequestRouter")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.medianest.features.services.ServiceCatalog")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.medianest.features.downloads.DownloadBoard")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.medianest.features.accounts.Accounts")
                .check(main);
    }

    /** Requests reach Radarr, Sonarr, Readarr and Seerr only through the backends; nothing else in the feature sends them. */
    @Test
    void only_the_dispatcher_sends_requests_to_a_backend() {
        noClasses().that().resideOutsideOfPackage("dev.medianest.features.requests")
                .should().callMethod(dev.medianest.features.requests.RequestBackend.class, "send", dev.medianest.features.requests.MediaRequest.class)
                .check(main);
    }

    @Test
    void names_say_what_a_class_does() {
        ArchRule rule = noClasses().should().haveSimpleNameEndingWith("Service")
                .orShould().haveSimpleNameEndingWith("Helper")
                .orShould().haveSimpleNameEndingWith("Util")
                .orShould().haveSimpleNameEndingWith("Utils")
                .orShould().haveSimpleNameEndingWith("Manager")
                .as("no *Service, *Helper, *Util(s) or *Manager names (STYLE.md)");
        rule.check(main);
    }

    @Test
    void no_class_writes_to_standard_streams_except_the_entry_point() {
        noClasses().that().doNotHaveFullyQualifiedName("dev.medianest.Main")
                .should().accessField(System.class, "out")
                .orShould().accessField(System.class, "err")
                .because("logs go through SLF4J and the CLI writes through its Console")
                .check(main);
    }

    @Test
    void no_static_mutable_state() {
        fields().that().areStatic().and().areNotFinal()
                .should().bePrivate().andShould().beFinal()
                .because("static state makes tests share state (STYLE.md: no static singletons)")
                .allowEmptyShould(true)
                .check(main);
    }

    @Test
    void only_the_composition_root_and_cli_build_the_application() {
        noClasses().that().resideOutsideOfPackages("dev.medianest", "dev.medianest.channels.cli")
                .should().dependOnClassesThat().haveFullyQualifiedName("dev.medianest.App")
                .check(main);
    }

    @Test
    void web_adapters_stay_package_private() {
        classes().that().resideInAPackage("dev.medianest.channels.web")
                .and().haveSimpleNameNotEndingWith("WebServer")
                .and().haveSimpleNameNotEndingWith("PageContext")
                .and().areTopLevelClasses()
                .should().notBePublic()
                .because("only the server and the template model are the web channel's surface")
                .check(main);
    }
}
