package io.sitrep.bot.command;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import io.sitrep.incident.Caller;
import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentChange;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.IncidentWriter;
import io.sitrep.incident.PersonReference;
import io.sitrep.incident.command.CommandLine;
import io.sitrep.incident.command.CommandSpec;
import io.sitrep.incident.store.Announcement;
import io.sitrep.integrations.chat.ChatCommand;
import io.sitrep.integrations.chat.Audience;
import io.sitrep.integrations.chat.ChannelNames;
import io.sitrep.integrations.chat.Delivery;
import io.sitrep.integrations.chat.DeliveryMessage;
import io.sitrep.integrations.chat.Outbox;

/**
 * One command being run: its parsed line, who typed it where, typed access to its arguments,
 * and the writer that queues what others are told with each change. Every accessor fails with
 * a message that says what was expected.
 */
public final class Invocation {

    private final CommandSpec command;
    private final CommandLine line;
    private final Caller caller;
    private final String channel;
    private final CommandContext context;
    private final ChatCommand typed;
    private final Outbox outbox;
    private final Permissions permissions;
    private final List<Reply.Post> told = new ArrayList<>();

    Invocation(CommandSpec command, CommandLine line, ChatCommand typed, CommandContext context, Outbox outbox,
               Permissions permissions) {
        this.command = command;
        this.line = line;
        this.caller = new Caller(typed.actor().name(), typed.channel().platform(), typed.actor().id());
        this.channel = typed.channel().id();
        this.context = context;
        this.typed = typed;
        this.outbox = outbox;
        this.permissions = permissions;
    }

    /**
     * The writer for this command's changes. What others are told of a change is planned by
     * {@code tell} from the change as written, and queued with it in the same atomic write; each
     * change, even one that tells nobody anything, is delivered (its card is brought up to date).
     */
    public IncidentWriter writer(Function<IncidentChange, List<Reply.Post>> tell) {
        List<List<Reply.Post>> planned = new ArrayList<>(1);
        IncidentWriter.Announcer delivery = outbox.announcing((before, change) -> {
            List<Reply.Post> posts = tell.apply(change);
            planned.clear();
            planned.add(posts);
            List<DeliveryMessage> messages = posts.stream().map(post -> delivered(post, change.incident())).toList();
            return new Delivery(change.incident().id(), typed.channel().platform(), typed.actor(), messages,
                    before == null, typed, change.incident().platforms());
        });
        return context.writer().announcing(new IncidentWriter.Announcer() {
            @Override
            public Announcement announce(Incident before, IncidentChange change) {
                if (before != null && command.aboutIncident()) {
                    // Checked again against what this attempt changes: a race lost to a new commander counts.
                    permissions.check(command, line, caller, before);
                }
                return delivery.announce(before, change);
            }

            @Override
            public void written(Incident before, IncidentChange change, Announcement announcement) {
                delivery.written(before, change, announcement);
                planned.forEach(told::addAll); // what was planned for the change that was written
            }
        });
    }

    /** A post as delivered to others: one without a channel is the caller's, a channel by name the room's or stakeholders'. */
    private DeliveryMessage delivered(Reply.Post post, Incident incident) {
        Audience audience = post.channel() == null ? Audience.CALLER
                : new ChannelNames(context.stakeholderChannel(), null).audience(new Audience.Named(post.channel()), incident);
        return new DeliveryMessage(audience, post.text(), post.actions());
    }

    /** The writer for changes that tell nobody anything beyond the incident's card. */
    public IncidentWriter writer() {
        return writer(change -> List.of());
    }

    /** What this command's changes told others, in the order written. */
    public List<Reply.Post> told() {
        return List.copyOf(told);
    }

    /** The command being run, as its spec declares it. */
    public CommandSpec spec() {
        return command;
    }

    public Caller caller() {
        return caller;
    }

    /** The channel the command was typed in. */
    public String channel() {
        return channel;
    }

    public CommandContext context() {
        return context;
    }

    /** The incident named after the first word, or else the one whose channel this is. */
    public IncidentId incident() {
        return line.incident()
                .or(() -> context.store().findByChannel(channel))
                .orElseThrow(() -> new CommandException("Which incident? Name it after the first word, e.g. /incident "
                        + exampleWithId() + ", or run it in the incident's own channel."));
    }

    /** Whether the caller may run {@code spec} on {@code incident}. */
    public boolean may(CommandSpec spec, Incident incident) {
        return permissions.allows(spec, caller, incident);
    }

    /**
     * Argument {@code n} as a person: a platform mention (kept by id; a name it carries, as
     * Slack's {@code <@U0BOB|bob>} does, is remembered for where mentions do not render),
     * {@code @alice} or {@code alice}.
     */
    public String user(int n, String what) {
        String typed = arg(n, what);
        String user = UserArgument.parse(typed);
        PersonReference.idOf(user).ifPresent(id -> PersonReference.nameIn(typed).ifPresent(name -> {
            try {
                context.people().remember(id, name);
            } catch (RuntimeException e) {
                // a name is a nicety; the person is kept by id all the same
            }
        }));
        return user;
    }

    /** The incident named after the first word, or the one whose channel this is, if either. */
    public Optional<IncidentId> namedOrImpliedIncident() {
        return line.incident().or(() -> context.store().findByChannel(channel));
    }

    /** {@code resolved INC-7 …}, or {@code postmortem INC-7 set …} for verbs of a group. */
    private String exampleWithId() {
        String[] words = command.name().split(" ", 2);
        return words[0] + " INC-7" + (words.length > 1 ? " " + words[1] : "") + " …";
    }

    /** Whether an incident id was typed after the first word. */
    public boolean namesIncident() {
        return line.incident().isPresent();
    }

    public List<String> args() {
        return line.args();
    }

    /** All arguments joined as free text; {@code what} names it in the error when there is none. */
    public String text(String what) {
        return requireText(String.join(" ", line.args()), what);
    }

    /** Arguments from position {@code n} on, joined as free text. */
    public String textFrom(int n, String what) {
        return requireText(String.join(" ", line.argsFrom(n)), what);
    }

    public String arg(int n, String what) {
        if (n >= line.args().size() || line.args().get(n).isBlank()) {
            throw missing(what);
        }
        return line.args().get(n);
    }

    public Optional<String> flag(String name) {
        List<String> values = line.flags().get(name);
        if (values == null) {
            return Optional.empty();
        }
        if (values.size() > 1) {
            throw new CommandException("--" + name + " was given " + values.size() + " times; give it once.");
        }
        return Optional.of(values.get(0));
    }

    /** A repeatable flag; each value may also be a comma-separated list. */
    public List<String> flagValues(String name) {
        return line.flags().getOrDefault(name, List.of()).stream()
                .flatMap(v -> java.util.Arrays.stream(v.split(",")))
                .map(String::strip)
                .filter(v -> !v.isEmpty())
                .toList();
    }

    /** A time flag that must not be in the future. */
    public Optional<Instant> pastTimeFlag(String name) {
        return flag(name).map(value -> TimeArgument.parsePast(name, value, context.clock()));
    }

    public Instant now() {
        return context.clock().instant();
    }

    private String requireText(String text, String what) {
        String stripped = text.strip();
        if (stripped.isEmpty()) {
            throw missing(what);
        }
        return stripped;
    }

    private CommandException missing(String what) {
        return new CommandException(command.name() + " needs " + what + ". Usage: /incident " + command.usage());
    }
}
