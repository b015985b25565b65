package io.sitrep.bot;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The module direction docs/architecture.md describes: {@code bot → integrations → state-machine → config}, nothing points back up;
 * Spring Statemachine stays behind our lifecycle interface in one package; settings come from
 * typed records, not {@code System.getenv}.
 */
class ArchitectureTest {

    private static final String CONFIG = "io.sitrep.config..";
    private static final String CORE = "io.sitrep.incident..";
    private static final String INTEGRATIONS = "io.sitrep.integrations..";
    private static final String BOT = "io.sitrep.bot..";
    private static final String LIFECYCLE = "io.sitrep.incident.lifecycle";
    private static final String STATEMACHINE = "org.springframework.statemachine..";
    private static final String COMMAND_API = "io.sitrep.bot.command";
    private static final String[] FEATURES = {"io.sitrep.bot.lifecycle..", "io.sitrep.bot.health..",
            "io.sitrep.bot.postmortem..", "io.sitrep.bot.reminder..", "io.sitrep.bot.runbook..",
            "io.sitrep.bot.oncall..", "io.sitrep.bot.alerts..", "io.sitrep.bot.heartbeat..", "io.sitrep.bot.status..", "io.sitrep.bot.delivery..",
            "io.sitrep.bot.maintenance..", "io.sitrep.bot.insights..",
            "io.sitrep.bot.wiring.."};

    private static JavaClasses classes;

    /** Production classes only: the modules' test classes and test-jars are fixtures, not architecture. */
    static final class ProductionCodeOnly implements ImportOption {
        private static final ImportOption NOT_TEST_CLASSES = new ImportOption.DoNotIncludeTests();

        @Override
        public boolean includes(Location location) {
            return NOT_TEST_CLASSES.includes(location) && !location.matches(java.util.regex.Pattern.compile(".*-tests\\.jar!.*"));
        }
    }

    @BeforeAll
    static void importSitrep() {
        classes = new ClassFileImporter().withImportOption(new ProductionCodeOnly()).importPackages("io.sitrep");
    }

    @Test
    void importsEveryModule() {
        assertThat(classes.contain("io.sitrep.config.ApiSettings")).as("config").isTrue();
        assertThat(classes.contain("io.sitrep.incident.Incident")).as("state-machine").isTrue();
        assertThat(classes.contain("io.sitrep.incident.lifecycle.SpringStatemachineLifecycle")).as("lifecycle").isTrue();
        assertThat(classes.contain("io.sitrep.integrations.http.ApiTokenFilter")).as("integrations").isTrue();
        assertThat(classes.contain(SitrepApplication.class)).as("bot").isTrue();
        assertThat(classes.contain("io.sitrep.integrations.redis.TestRedis")).as("test fixtures are left out").isFalse();
    }

    @Test
    void modulesDependOnlyDownwards() {
        ArchRule layers = layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Config").definedBy(CONFIG)
                .layer("Core").definedBy(CORE)
                .layer("Integrations").definedBy(INTEGRATIONS)
                .layer("Bot").definedBy(BOT)
                .whereLayer("Bot").mayNotBeAccessedByAnyLayer()
                .whereLayer("Integrations").mayOnlyBeAccessedByLayers("Bot")
                .whereLayer("Core").mayOnlyBeAccessedByLayers("Integrations", "Bot")
                .whereLayer("Config").mayOnlyBeAccessedByLayers("Core", "Integrations", "Bot");

        layers.check(classes);
    }

    @Test
    void configDependsOnNoOtherModule() {
        noClasses().that().resideInAPackage(CONFIG)
                .should().dependOnClassesThat().resideInAnyPackage(CORE, INTEGRATIONS, BOT)
                .check(classes);
    }

    @Test
    void stateMachineDependsOnlyOnConfig() {
        noClasses().that().resideInAPackage(CORE)
                .should().dependOnClassesThat().resideInAnyPackage(INTEGRATIONS, BOT)
                .check(classes);
    }

    @Test
    void integrationsNeverDependOnTheBot() {
        noClasses().that().resideInAPackage(INTEGRATIONS)
                .should().dependOnClassesThat().resideInAPackage(BOT)
                .check(classes);
    }

    @Test
    void springStatemachineIsUsedOnlyByTheLifecyclePackage() {
        noClasses().that().resideOutsideOfPackage(LIFECYCLE)
                .should().dependOnClassesThat().resideInAPackage(STATEMACHINE)
                .check(classes);

        JavaClass adapter = classes.get("io.sitrep.incident.lifecycle.SpringStatemachineLifecycle");
        assertThat(adapter.getDirectDependenciesFromSelf())
                .as("the lifecycle adapter is where Spring Statemachine lives")
                .anyMatch(d -> d.getTargetClass().getPackageName().startsWith("org.springframework.statemachine"));
    }

    @Test
    void onlyTheApplicationAndItsWiringReadEnvironmentVariables() {
        noClasses().that().resideOutsideOfPackages("io.sitrep.bot", "io.sitrep.bot.wiring")
                .should().callMethod(System.class, "getenv")
                .orShould().callMethod(System.class, "getenv", String.class)
                .because("settings are typed @ConfigurationProperties records (the house style)")
                .check(classes);
    }

    @Test
    void jdaTypesStayInTheDiscordAdapter() {
        noClasses().that().resideOutsideOfPackage("io.sitrep.integrations.chat.discord..")
                .should().dependOnClassesThat().resideInAPackage("net.dv8tion..")
                .because("the Discord adapter sits behind the platform-neutral chat port")
                .check(classes);
    }

    @Test
    void slackTypesStayInTheSlackAdapter() {
        noClasses().that().resideOutsideOfPackage("io.sitrep.integrations.chat.slack..")
                .should().dependOnClassesThat().resideInAPackage("com.slack..")
                .because("the Slack adapter sits behind the platform-neutral chat port")
                .check(classes);
    }

    @Test
    void theBotsPackagesFormNoCycle() {
        slices().matching("io.sitrep.bot.(*)..").should().beFreeOfCycles()
                .because("a feature joins or leaves without touching the others")
                .check(classes);
    }

    @Test
    void theCoresPackagesFormNoCycle() {
        slices().matching("io.sitrep.incident.(*)..").should().beFreeOfCycles()
                .check(classes);
    }

    /** The slices above leave the core's root package out; its model must not know how commands are typed. */
    @Test
    void theCoresModelKnowsNoCommand() {
        noClasses().that().resideInAPackage("io.sitrep.incident")
                .should().dependOnClassesThat().resideInAPackage("io.sitrep.incident.command..")
                .because("the command grammar is built on the model's events, not the other way round")
                .check(classes);
    }

    @Test
    void theCommandApiKnowsNoFeature() {
        noClasses().that().resideInAPackage(COMMAND_API)
                .should().dependOnClassesThat().resideInAnyPackage(FEATURES)
                .because("features are written against the command API and contribute their commands as beans")
                .check(classes);
    }
}
