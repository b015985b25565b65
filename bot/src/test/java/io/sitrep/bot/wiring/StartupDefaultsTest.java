package io.sitrep.bot.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

/** The management server's defaults: next to the server's port, where the server listens, unless set. */
class StartupDefaultsTest {

    @Test
    void theManagementPortIsTheServersPlusOne() {
        assertThat(defaulted(new MockEnvironment().withProperty("server.port", "8080"))
                .getProperty("management.server.port")).isEqualTo("8081");
        assertThat(defaulted(new MockEnvironment().withProperty("server.port", "9000"))
                .getProperty("management.server.port")).isEqualTo("9001");
        assertThat(defaulted(new MockEnvironment()).getProperty("management.server.port"))
                .as("Spring Boot's own default server port, 8080").isEqualTo("8081");
    }

    @Test
    void aRandomServerPortGivesARandomManagementPort() {
        assertThat(defaulted(new MockEnvironment().withProperty("server.port", "0"))
                .getProperty("management.server.port")).isEqualTo("0");
    }

    @Test
    void anExplicitManagementPortWins() {
        MockEnvironment environment = new MockEnvironment().withProperty("server.port", "0")
                .withProperty("management.server.port", "9100");

        assertThat(defaulted(environment).getProperty("management.server.port")).isEqualTo("9100");
    }

    @Test
    void noServerMeansNoManagementPortOfItsOwn() {
        assertThat(defaulted(new MockEnvironment().withProperty("server.port", "-1"))
                .containsProperty("management.server.port")).isFalse();
    }

    @Test
    void theManagementServerListensWhereTheServerDoes() {
        assertThat(defaulted(new MockEnvironment()).getProperty("management.server.address"))
                .as("no token: loopback, like the server").isEqualTo("127.0.0.1");
        assertThat(defaulted(new MockEnvironment().withProperty("sitrep.api.token", "t")
                .withProperty("server.address", "10.0.0.7")).getProperty("management.server.address"))
                .isEqualTo("10.0.0.7");
        assertThat(defaulted(new MockEnvironment().withProperty("sitrep.api.token", "t"))
                .containsProperty("management.server.address")).as("with a token: every interface").isFalse();
        assertThat(defaulted(new MockEnvironment().withProperty("management.server.address", "0.0.0.0"))
                .getProperty("management.server.address")).isEqualTo("0.0.0.0");
    }

    private static MockEnvironment defaulted(MockEnvironment environment) {
        environment.setProperty("sitrep.console.enabled", "false");
        new StartupDefaults().postProcessEnvironment(environment, new SpringApplication());
        return environment;
    }
}
