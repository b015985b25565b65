package io.sitrep.integrations.chat.discord;

import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.UnaryOperator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.events.session.ReadyEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.utils.Compression;
import net.dv8tion.jda.api.utils.ConcurrentSessionController;
import net.dv8tion.jda.api.utils.MemberCachePolicy;

import io.sitrep.config.DiscordSettings;
import io.sitrep.incident.Platform;
import io.sitrep.incident.lifecycle.IncidentLifecycle;
import io.sitrep.incident.store.IncidentStore;
import io.sitrep.integrations.chat.ChatCommandHandler;
import io.sitrep.integrations.chat.IncidentRooms;
import io.sitrep.integrations.chat.PageReceipts;
import io.sitrep.integrations.chat.RequestDeduplicator;

/**
 * Sitrep's connection to one Discord guild, through JDA: the gateway session that delivers
 * interactions, and REST at {@code sitrep.discord.api-url}. Connecting does not wait for
 * Discord: when the session is ready, {@code /incident} is registered in the guild, or, when
 * the bot is not in it yet, the invite URL is logged.
 */
public final class DiscordConnector implements AutoCloseable {

    public static final String PLATFORM = Platform.DISCORD.wireName();
    /**
     * What Sitrep does in a guild: make channels under its category, post, embed and pin cards,
     * attach exports, and read the channels it posts in. Nothing more: no administrator.
     */
    public static final List<Permission> PERMISSIONS = List.of(Permission.VIEW_CHANNEL, Permission.MANAGE_CHANNEL,
            Permission.MESSAGE_SEND, Permission.MESSAGE_EMBED_LINKS, Permission.MESSAGE_ATTACH_FILES,
            Permission.MESSAGE_HISTORY, Permission.PIN_MESSAGES);
    private static final Logger log = LoggerFactory.getLogger(DiscordConnector.class);

    private final DiscordSettings settings;
    private final DiscordRest rest;
    private final CallerReplies callers;
    private final JDA jda;

    public DiscordConnector(DiscordSettings settings, Clock clock) {
        this(settings, clock, DiscordRest.RetryPolicy.DELIVERY, UnaryOperator.identity());
    }

    /** @param tuning changes to the JDA builder; tests point the gateway at a local fake with it */
    DiscordConnector(DiscordSettings settings, Clock clock, DiscordRest.RetryPolicy retryPolicy,
                     UnaryOperator<JDABuilder> tuning) {
        this.settings = settings;
        this.rest = new DiscordRest(retryPolicy, wait -> Thread.sleep(wait.toMillis()));
        this.callers = new CallerReplies(clock);
        // Interactions need no privileged intents; GUILDS, always on, keeps channels and roles cached.
        JDABuilder builder = JDABuilder.createLight(settings.token(), EnumSet.noneOf(GatewayIntent.class))
                .setRestConfig(new RestConfig().setBaseUrl(settings.apiUrl()))
                .setMemberCachePolicy(MemberCachePolicy.NONE)
                .addEventListeners(new ListenerAdapter() {
                    @Override
                    public void onReady(ReadyEvent event) {
                        ready(event.getJDA());
                    }
                });
        if (!settings.gatewayUrl().isBlank()) {
            String gateway = settings.gatewayUrl();
            builder.setCompression(Compression.NONE).setSessionController(new ConcurrentSessionController() {
                @Override
                public String getGateway() {
                    return gateway;
                }
            });
        }
        this.jda = tuning.apply(builder).build();
        // The invite must also grant the scope that lets Sitrep register /incident.
        jda.setRequiredScopes("applications.commands");
    }

    /** Starts taking {@code /incident}, buttons and modals; commands run on {@code executor}. */
    /** @param neutralStakeholderChannel the name the core gives the stakeholder channel, named as Discord's in answers */
    public void listen(ChatCommandHandler handler, RequestDeduplicator deduplicator, Executor executor,
                       String neutralStakeholderChannel) {
        jda.addEventListener(new DiscordCommandAdapter(handler, deduplicator, executor, callers,
                new DiscordChannels(neutralStakeholderChannel, settings.stakeholderChannel(), null)));
    }

    /**
     * @param neutralStakeholderChannel the channel name the core addresses stakeholder posts to;
     *                                  on Discord they go to {@code sitrep.discord.stakeholder-channel}
     * @param escalationChannel         where reminders escalate to, a Discord channel id or name
     * @param archiveRooms              whether a finished incident's channel moves to the archive category
     */
    public DiscordGateway gateway(IncidentStore store, IncidentLifecycle lifecycle, IncidentRooms rooms,
                                  String neutralStakeholderChannel, String escalationChannel, boolean archiveRooms) {
        return gateway(store, lifecycle, rooms, neutralStakeholderChannel, escalationChannel, archiveRooms,
                PageReceipts.NONE);
    }

    /** @param receipts told of each page notification sent by direct message, or refused for good */
    public DiscordGateway gateway(IncidentStore store, IncidentLifecycle lifecycle, IncidentRooms rooms,
                                  String neutralStakeholderChannel, String escalationChannel, boolean archiveRooms,
                                  PageReceipts receipts) {
        return new DiscordGateway(jda, settings.guildId(), settings.incidentCategory(), rest, store, lifecycle, rooms,
                new DiscordChannels(neutralStakeholderChannel, settings.stakeholderChannel(), escalationChannel),
                callers, archiveRooms ? settings.archiveCategory() : null, receipts);
    }

    /** Who holds which role in the guild, to keep an on-call role in step; needs Manage Roles. */
    public DiscordRoles roles() {
        return new DiscordRoles(jda, new DiscordGuild(jda, settings.guildId(), rest), rest);
    }

    /** Blocks until the session is ready; for tests and benchmarks. */
    void awaitReady() throws InterruptedException {
        jda.awaitReady();
    }

    JDA jda() {
        return jda;
    }

    /** The URL that adds Sitrep to a guild with exactly the permissions it needs. */
    String inviteUrl() {
        return jda.getInviteUrl(PERMISSIONS);
    }

    /** Whether {@code id} can be a Discord id: a number (JDA throws on anything else). */
    static boolean isSnowflake(String id) {
        return id != null && !id.isBlank() && id.length() <= 20 && id.chars().allMatch(Character::isDigit);
    }

    private void ready(JDA ready) {
        Guild guild = isSnowflake(settings.guildId()) ? ready.getGuildById(settings.guildId()) : null;
        if (guild == null) {
            log.warn("Sitrep is not in the Discord guild '{}' (it is in {} guilds). Add it with {}", settings.guildId(),
                    ready.getGuilds().size(), ready.getInviteUrl(PERMISSIONS));
            return;
        }
        guild.updateCommands().addCommands(IncidentSlashCommand.definition()).queue(
                commands -> log.info("Registered /incident in the Discord guild {} ({})", guild.getName(), guild.getId()),
                failure -> log.warn("Could not register /incident in the Discord guild {}: {}. Was Sitrep invited "
                        + "with the applications.commands scope? {}", guild.getId(), failure.getMessage(),
                        ready.getInviteUrl(PERMISSIONS)));
    }

    @Override
    public void close() {
        jda.shutdown();
    }
}
