package io.sitrep.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.mock.env.MockEnvironment;
import org.yaml.snakeyaml.Yaml;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.sitrep.bot.wiring.StartupDefaults;

/**
 * The Kubernetes manifests in {@code config/kubernetes/}, read into fabric8's model types, agree
 * with the application: ports, probe paths, ports and timings and health groups, selectors, who
 * may reach the management port, the service account, the secret, and every {@code SITREP_*}
 * variable naming a setting Sitrep has.
 */
class DeploymentManifestsTest {

    private static final Path MANIFESTS = Path.of("..", "config", "kubernetes");
    private static final Path CONTAINER = Path.of("..", "config", "container", "Dockerfile");

    @Test
    void theDeploymentRunsThreeReplicasWithProbesOnTheActuatorGroupsAndThePortsTheAppListensOn() throws IOException {
        Deployment deployment = one(Deployment.class);
        Container sitrep = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        Map<String, Object> app = applicationYml();

        assertThat(deployment.getSpec().getReplicas()).isEqualTo(3);
        assertThat(sitrep.getPorts()).extracting(ContainerPort::getName, ContainerPort::getContainerPort)
                .containsExactly(tuple("http", path(app, "server", "port")),
                        tuple("management", managementPort((Integer) path(app, "server", "port"))));
        assertThat(sitrep.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
        assertThat(sitrep.getStartupProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
        assertThat(sitrep.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/readiness");
        for (var probe : List.of(sitrep.getLivenessProbe(), sitrep.getReadinessProbe(), sitrep.getStartupProbe())) {
            assertThat(probe.getHttpGet().getPort().getStrVal()).as("probes skip the commands' queue")
                    .isEqualTo("management");
        }
        assertThat((String) path(app, "management", "endpoint", "health", "group", "liveness", "include"))
                .as("liveness includes the self-check").contains("selfCheck");
        assertThat((String) path(app, "management", "endpoint", "health", "group", "readiness", "include"))
                .as("readiness follows the store").contains("store");
        assertThat(sitrep.getResources().getRequests()).containsKeys("cpu", "memory");
        assertThat(sitrep.getResources().getLimits()).containsKey("memory");
        assertThat(deployment.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
    }

    @Test
    void everyProbeSetsItsTimingsAndARestartNeedsHalfAMinuteOfSilence() throws IOException {
        Container sitrep = one(Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0);
        Probe liveness = sitrep.getLivenessProbe();
        Probe readiness = sitrep.getReadinessProbe();

        for (Probe probe : List.of(liveness, readiness, sitrep.getStartupProbe())) {
            assertThat(probe.getPeriodSeconds()).isNotNull();
            assertThat(probe.getFailureThreshold()).isNotNull();
            assertThat(probe.getTimeoutSeconds()).as("set, and above Kubernetes' default of 1 s")
                    .isGreaterThan(1).isLessThanOrEqualTo(probe.getPeriodSeconds());
        }
        assertThat(liveness.getPeriodSeconds() * liveness.getFailureThreshold()).as("seconds before a restart")
                .isGreaterThanOrEqualTo(30);
        assertThat(readiness.getPeriodSeconds() * readiness.getFailureThreshold()).as("seconds to leave the Service")
                .isLessThanOrEqualTo(15);
    }

    @Test
    void theManagementPortIsNeitherInTheServiceNorOpenToEveryone() throws IOException {
        assertThat(one(Service.class).getSpec().getPorts()).allSatisfy(p ->
                assertThat(p.getTargetPort().getStrVal()).isNotEqualTo("management"));
        NetworkPolicy policy = one(NetworkPolicy.class);
        Map<String, String> podLabels = one(Deployment.class).getSpec().getTemplate().getMetadata().getLabels();

        assertThat(podLabels).containsAllEntriesOf(policy.getSpec().getPodSelector().getMatchLabels());
        assertThat(policy.getSpec().getIngress()).anySatisfy(rule -> {
            assertThat(rule.getPorts()).extracting(p -> p.getPort().getStrVal()).containsExactly("http");
            assertThat(rule.getFrom()).as("the main port is open").isNullOrEmpty();
        });
        assertThat(policy.getSpec().getIngress()).filteredOn(rule -> rule.getPorts().stream()
                        .anyMatch(p -> "management".equals(p.getPort().getStrVal())))
                .singleElement().satisfies(rule -> assertThat(rule.getFrom()).isNotEmpty()
                        .allSatisfy(peer -> assertThat(peer.getNamespaceSelector().getMatchLabels()).isNotEmpty()));
    }

    @Test
    void selectorsServiceAccountAndSecretAllPointAtWhatExists() throws IOException {
        Deployment deployment = one(Deployment.class);
        Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();

        assertThat(podLabels).containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());
        assertThat(podLabels).containsAllEntriesOf(one(Service.class).getSpec().getSelector());
        assertThat(one(Service.class).getSpec().getPorts()).allSatisfy(p ->
                assertThat(p.getTargetPort().getStrVal()).isEqualTo("http"));
        assertThat(podLabels).containsAllEntriesOf(one(PodDisruptionBudget.class).getSpec().getSelector().getMatchLabels());
        assertThat(one(PodDisruptionBudget.class).getSpec().getMinAvailable().getIntVal())
                .isLessThan(deployment.getSpec().getReplicas());
        assertThat(deployment.getSpec().getTemplate().getSpec().getServiceAccountName())
                .isEqualTo(one(ServiceAccount.class).getMetadata().getName());
        Container sitrep = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(sitrep.getEnvFrom()).singleElement().satisfies(from ->
                assertThat(from.getSecretRef().getName()).isEqualTo(one(Secret.class).getMetadata().getName()));
        assertThat(all()).allSatisfy(resource -> {
            if (!resource.getKind().startsWith("Cluster") && !resource.getKind().equals("Namespace")) {
                assertThat(resource.getMetadata().getNamespace()).as(resource.getKind()).isEqualTo("sitrep");
            }
        });
    }

    @Test
    void everySitrepVariableNamesASettingSitrepHas() throws IOException {
        Set<String> known = settingVariables();
        List<String> used = new ArrayList<>();
        Container sitrep = one(Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0);
        sitrep.getEnv().stream().map(EnvVar::getName).filter(n -> n.startsWith("SITREP_")).forEach(used::add);
        used.addAll(one(Secret.class).getStringData().keySet());

        assertThat(used).isNotEmpty().allSatisfy(name -> assertThat(known).as("a setting for " + name).contains(name));
    }

    @Test
    void theImageRunsTheBuiltJarAsAUserWithoutPrivileges() throws IOException {
        String dockerfile = Files.readString(CONTAINER);

        assertThat(dockerfile).contains("COPY bot/target/sitrep-exec.jar").containsPattern("(?m)^USER 10001$")
                .containsPattern("(?m)^EXPOSE 8080 8081$").contains("MaxRAMPercentage")
                .contains("-XX:ArchiveClassesAtExit=/app/sitrep.jsa").contains("\"-XX:SharedArchiveFile=/app/sitrep.jsa\"")
                .as("the training run ends by itself once ready").contains("--" + SitrepApplication.EXIT_ONCE_READY + "=true");
        assertThat(Files.readString(Path.of("pom.xml"))).as("the jar the image copies is the one the build makes")
                .contains("<finalName>sitrep</finalName>");
        assertThat(one(Deployment.class).getSpec().getTemplate().getSpec().getSecurityContext().getRunAsUser())
                .isEqualTo(10001L);
    }

    /** Each setting as Spring's relaxed binding reads it from the environment: sitrep.slack.bot-token → SITREP_SLACK_BOTTOKEN and SITREP_SLACK_BOT_TOKEN. */
    private static Set<String> settingVariables() {
        Set<String> keys = new HashSet<>();
        var scanner = new org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new org.springframework.core.type.filter.AnnotationTypeFilter(
                ConfigurationProperties.class));
        for (var candidate : scanner.findCandidateComponents("io.sitrep.config")) {
            Class<?> settings;
            try {
                settings = Class.forName(candidate.getBeanClassName());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
            collect(settings.getAnnotation(ConfigurationProperties.class).value(), settings, keys);
        }
        Set<String> variables = new HashSet<>();
        for (String key : keys) {
            variables.add(key.replace(".", "_").replace("-", "").toUpperCase(Locale.ROOT));
            variables.add(key.replace(".", "_").replace("-", "_").toUpperCase(Locale.ROOT));
        }
        return variables;
    }

    private static void collect(String prefix, Class<?> type, Set<String> keys) {
        for (RecordComponent component : type.getRecordComponents()) {
            String key = prefix + "." + kebab(component.getName());
            keys.add(key);
            if (component.getType().isRecord()) {
                collect(key, component.getType(), keys);
            }
        }
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    private static <T extends HasMetadata> T one(Class<T> kind) throws IOException {
        List<T> found = all().stream().filter(kind::isInstance).map(kind::cast).toList();
        assertThat(found).as("one " + kind.getSimpleName()).hasSize(1);
        return found.get(0);
    }

    private static List<HasMetadata> all() throws IOException {
        List<HasMetadata> resources = new ArrayList<>();
        try (var files = Files.list(MANIFESTS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yml")).sorted().toList()) {
                for (String document : Files.readString(file).split("(?m)^---$")) {
                    if (document.lines().anyMatch(l -> l.startsWith("kind:"))) {
                        Object parsed = Serialization.unmarshal(document);
                        if (parsed instanceof KubernetesList list) {
                            resources.addAll(list.getItems());
                        } else {
                            resources.add((HasMetadata) parsed);
                        }
                    }
                }
            }
        }
        return resources;
    }

    /** The management port Sitrep listens on next to {@code serverPort} when not told otherwise (as in the manifests). */
    private static int managementPort(int serverPort) {
        MockEnvironment environment = new MockEnvironment().withProperty("server.port", Integer.toString(serverPort))
                .withProperty("sitrep.api.token", "set").withProperty("sitrep.console.enabled", "false");
        new StartupDefaults().postProcessEnvironment(environment, new SpringApplication());
        return environment.getProperty("management.server.port", Integer.class);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> applicationYml() throws IOException {
        try (InputStream in = DeploymentManifestsTest.class.getResourceAsStream("/application.yml")) {
            return new Yaml().load(in);
        }
    }

    @SuppressWarnings("unchecked")
    private static Object path(Map<String, Object> yaml, String... keys) {
        Object at = yaml;
        for (String key : keys) {
            at = ((Map<String, Object>) at).get(key);
        }
        return at;
    }
}
