package io.sitrep.bot.oncall;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.sitrep.integrations.chat.discord.DiscordRoles;
import io.sitrep.integrations.chat.slack.SlackUsergroups;

/**
 * One chat platform's mentionable group that {@link MentionSync} keeps holding whoever is on
 * call: a Slack user group, a Discord role.
 */
public interface GroupMembers {

    /** A call that failed for now: tried again after a backoff. */
    final class Failed extends Exception {
        public Failed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Ruled out until an admin changes something (a permission): said once, asked again rarely. */
    final class Refused extends Exception {
        public Refused(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** For the log: {@code Slack user group}. */
    String kind();

    /** Names what is remembered in Redis of the schedule's group: {@code usergroup}. */
    String key();

    /** The schedule's group on this platform, or null for none. */
    String group(Schedule schedule);

    /** The person's id on this platform. */
    Optional<String> id(Person person);

    /** For the log: {@code Slack id}. */
    String idName();

    /** Who holds the group now. */
    Set<String> members(String group) throws Failed, Refused;

    /** Makes {@code wanted} the group's only member, {@code holders} being who holds it now. */
    void replace(String group, Set<String> holders, String wanted) throws Failed, Refused;

    /** Slack user groups: replaced whole with {@code usergroups.users.update}. */
    static GroupMembers slack(SlackUsergroups usergroups) {
        return new GroupMembers() {
            @Override
            public String kind() {
                return "Slack user group";
            }

            @Override
            public String key() {
                return "usergroup";
            }

            @Override
            public String group(Schedule schedule) {
                return schedule.slackUsergroup();
            }

            @Override
            public Optional<String> id(Person person) {
                return person.slackId();
            }

            @Override
            public String idName() {
                return "Slack id";
            }

            @Override
            public Set<String> members(String group) throws Failed {
                try {
                    return Set.copyOf(usergroups.members(group));
                } catch (SlackUsergroups.CallFailedException e) {
                    throw new Failed(e.getMessage(), e);
                }
            }

            @Override
            public void replace(String group, Set<String> holders, String wanted) throws Failed {
                try {
                    usergroups.replaceMembers(group, List.of(wanted));
                } catch (SlackUsergroups.CallFailedException e) {
                    throw new Failed(e.getMessage(), e);
                }
            }
        };
    }

    /** Discord roles: given to whoever is on call, taken from the other holders, one member at a time. */
    static GroupMembers discord(DiscordRoles roles) {
        return new GroupMembers() {
            @Override
            public String kind() {
                return "Discord role";
            }

            @Override
            public String key() {
                return "discord-role";
            }

            @Override
            public String group(Schedule schedule) {
                return schedule.discordRole();
            }

            @Override
            public Optional<String> id(Person person) {
                return person.discordId();
            }

            @Override
            public String idName() {
                return "Discord id";
            }

            @Override
            public Set<String> members(String role) throws Failed, Refused {
                try {
                    return roles.members(role);
                } catch (DiscordRoles.Failed e) {
                    throw new Failed(e.getMessage(), e);
                } catch (DiscordRoles.Refused e) {
                    throw new Refused(e.getMessage(), e);
                }
            }

            @Override
            public void replace(String role, Set<String> holders, String wanted) throws Failed, Refused {
                try {
                    if (!holders.contains(wanted)) {
                        roles.add(role, wanted);
                    }
                    for (String holder : holders) {
                        if (!holder.equals(wanted)) {
                            roles.remove(role, holder);
                        }
                    }
                } catch (DiscordRoles.Failed e) {
                    throw new Failed(e.getMessage(), e);
                } catch (DiscordRoles.Refused e) {
                    throw new Refused(e.getMessage(), e);
                }
            }
        };
    }
}
