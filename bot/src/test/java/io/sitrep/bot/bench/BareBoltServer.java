package io.sitrep.bot.bench;

import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.jakarta_servlet.SlackAppServlet;

/**
 * The baseline: a Bolt app that verifies {@code /incident} and acknowledges it, nothing else,
 * served by the same embedded Tomcat and Bolt servlet Sitrep runs on.
 */
final class BareBoltServer implements AutoCloseable {

    private final Tomcat tomcat;
    private final Slack slack;

    private BareBoltServer(Tomcat tomcat, Slack slack) {
        this.tomcat = tomcat;
        this.slack = slack;
    }

    static BareBoltServer start(String signingSecret, String apiUrl) throws Exception {
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(apiUrl);
        Slack slack = Slack.getInstance(config);
        App app = new App(AppConfig.builder().signingSecret(signingSecret).singleTeamBotToken("xoxb-bare").slack(slack)
                .build());
        app.command("/incident", (request, context) -> context.ack());

        Path baseDir = Files.createTempDirectory("bare-bolt");
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(baseDir.toString());
        tomcat.setHostname("127.0.0.1");
        tomcat.setPort(0);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        Context context = tomcat.addContext("", baseDir.toString());
        Tomcat.addServlet(context, "slack", new SlackAppServlet(app));
        context.addServletMappingDecoded("/slack/events", "slack");
        tomcat.start();
        return new BareBoltServer(tomcat, slack);
    }

    int port() {
        return tomcat.getConnector().getLocalPort();
    }

    @Override
    public void close() throws Exception {
        tomcat.stop();
        tomcat.destroy();
        slack.close();
    }
}
