package io.sitrep.bot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The shipped app manifest grants what Sitrep calls and routes what Sitrep listens for. */
class SlackManifestTest {

    /** Every Web API method Sitrep calls, and the bot scope Slack requires for it ("" for none). */
    private static final Map<String, String> SCOPE_OF_METHOD = Map.ofEntries(
            Map.entry("views.open", ""),
            Map.entry("conversations.create", "channels:manage"),
            Map.entry("conversations.invite", "channels:manage"),
            Map.entry("conversations.setTopic", "channels:manage"),
            Map.entry("conversations.archive", "channels:manage"),
            Map.entry("conversations.join", "channels:join"),
            Map.entry("conversations.list", "channels:read"),
            Map.entry("conversations.history", "channels:history"),
            Map.entry("conversations.open", "im:write"),
            Map.entry("auth.test", ""),
            Map.entry("chat.postMessage", "chat:write"),
            Map.entry("chat.update", "chat:write"),
            Map.entry("chat.postEphemeral", "chat:write"),
            Map.entry("pins.add", "pins:write"),
            Map.entry("files.uploadV2", "files:write"),
            Map.entry("usergroups.users.list", "usergroups:read"),
            Map.entry("usergroups.users.update", "usergroups:write"));

    private static Map<String, Object> manifest;

    @BeforeAll
    static void read() throws IOException {
        // Tests run in the bot module; the manifest ships in config/.
        try (Reader reader = Files.newBufferedReader(Path.of("..", "config", "slack", "manifest.yml"))) {
            manifest = new Yaml().load(reader);
        }
    }

    @Test
    void grantsTheScopeOfEveryMethodSitrepCalls() {
        List<String> scopes = list(map(map(manifest, "oauth_config"), "scopes"), "bot");

        assertThat(scopes).containsAll(SCOPE_OF_METHOD.values().stream().filter(s -> !s.isEmpty()).toList())
                .contains("commands", "chat:write.public", "im:history");
    }

    @Test
    void knowsTheScopeOfEveryMethodTheAdapterCalls() throws IOException {
        Path adapter = Path.of("..", "integrations", "src", "main", "java", "io", "sitrep", "integrations", "chat", "slack");
        Set<String> called = new TreeSet<>();
        try (Stream<Path> sources = Files.list(adapter)) {
            for (Path source : sources.toList()) {
                Matcher call = Pattern.compile("call(?:Once)?\\(\"([a-zA-Z]+(?:\\.[a-zA-Z]+)+)\"").matcher(Files.readString(source));
                while (call.find()) {
                    called.add(call.group(1));
                }
            }
        }

        assertThat(called).isNotEmpty();
        assertThat(SCOPE_OF_METHOD).containsKeys(called.toArray(String[]::new));
    }

    @Test
    void registersIncidentWithSocketModeAndInteractivityOn() {
        Map<String, Object> command = map(list(map(manifest, "features"), "slash_commands"), 0);
        Map<String, Object> settings = map(manifest, "settings");

        // Escaped, so a typed @person arrives as <@U…|name>: the person by id, who can be notified.
        assertThat(command).containsEntry("command", "/incident").containsEntry("should_escape", true);
        assertThat(command.get("url")).asString().endsWith("/slack/events");
        assertThat(settings).containsEntry("socket_mode_enabled", true);
        assertThat(map(settings, "interactivity")).containsEntry("is_enabled", true);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        return (Map<String, Object>) parent.get(key);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(List<Object> parent, int index) {
        return (Map<String, Object>) parent.get(index);
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> list(Map<String, Object> parent, String key) {
        return (List<T>) parent.get(key);
    }
}
