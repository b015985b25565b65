package io.sitrep.integrations.chat.discord;

import java.util.LinkedHashSet;
import java.util.Set;

import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.Role;
import net.dv8tion.jda.api.entities.UserSnowflake;
import net.dv8tion.jda.api.requests.ErrorResponse;
import net.dv8tion.jda.api.requests.Route;
import net.dv8tion.jda.api.utils.data.DataArray;
import net.dv8tion.jda.api.utils.data.DataObject;
import net.dv8tion.jda.internal.requests.RestActionImpl;

import io.sitrep.integrations.chat.RefusedDelivery;

/**
 * The members of a guild role ({@code @platform-oncall}), read and changed, so that a mention of
 * the role reaches whoever is on call. Calls go through {@link DiscordRest}: rate limits and
 * outages are tried again for a few seconds, then thrown as {@link Failed}; what Discord (or the
 * bot's own place in the guild) rules out is thrown as {@link Refused}, which asking again soon
 * won't change.
 * <p>
 * The holders are read with Discord's member list ({@code GET /guilds/{id}/members}), which needs
 * the <em>Server Members Intent</em> switched on for the application but no gateway intent: the
 * session stays as it is, and without the switch only this call is refused. Changing a member's
 * roles needs Manage Roles, with the role below Sitrep's own highest role.
 */
public final class DiscordRoles {

    /** A call that failed for now (Discord down, the session reconnecting): worth trying again later. */
    public static final class Failed extends Exception {
        Failed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Ruled out until an admin changes something: a missing permission, a role above Sitrep's, no such role. */
    public static final class Refused extends Exception {
        Refused(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final Route LIST_MEMBERS = Route.get("guilds/{guild_id}/members");
    private static final int PAGE = 1000;

    private final JDA jda;
    private final DiscordGuild guild;
    private final DiscordRest rest;

    DiscordRoles(JDA jda, DiscordGuild guild, DiscordRest rest) {
        this.jda = jda;
        this.guild = guild;
        this.rest = rest;
    }

    /** The ids of the guild's members holding {@code roleId}. */
    public Set<String> members(String roleId) throws Failed, Refused {
        Guild connected = connected();
        role(connected, roleId);
        Set<String> holders = new LinkedHashSet<>();
        String after = "0";
        try {
            while (true) {
                String from = after;
                DataArray page = rest.call("list the members of the Discord guild", () -> new RestActionImpl<>(jda,
                        LIST_MEMBERS.compile(connected.getId()).withQueryParams("limit", Integer.toString(PAGE),
                                "after", from), (response, request) -> response.getArray()));
                for (int i = 0; i < page.length(); i++) {
                    DataObject member = page.getObject(i);
                    after = member.getObject("user").getString("id");
                    if (member.getArray("roles").stream(DataArray::getString).anyMatch(roleId::equals)) {
                        holders.add(after);
                    }
                }
                if (page.length() < PAGE) {
                    return holders;
                }
            }
        } catch (DiscordRest.Refused e) {
            if (e.is(ErrorResponse.MISSING_ACCESS)) {
                throw new Refused("Discord refused to list the guild's members: switch on the Server Members Intent "
                        + "of Sitrep's application (Developer Portal → Bot → Privileged Gateway Intents)", e);
            }
            throw new Refused(e.getMessage(), e);
        } catch (DiscordRest.Passing e) {
            throw new Failed(e.getMessage(), e);
        }
    }

    /** Gives {@code userId} the role; giving it to a holder is harmless. */
    public void add(String roleId, String userId) throws Failed, Refused {
        Guild connected = connected();
        Role role = manageable(connected, roleId);
        change("give the role " + role.getName() + " to " + userId,
                () -> connected.addRoleToMember(UserSnowflake.fromId(userId), role).complete());
    }

    /** Takes the role from {@code userId}; taking it from someone without it is harmless. */
    public void remove(String roleId, String userId) throws Failed, Refused {
        Guild connected = connected();
        Role role = manageable(connected, roleId);
        change("take the role " + role.getName() + " from " + userId,
                () -> connected.removeRoleFromMember(UserSnowflake.fromId(userId), role).complete());
    }

    private void change(String what, Runnable call) throws Failed, Refused {
        try {
            rest.attempt(what, () -> {
                call.run();
                return null;
            });
        } catch (DiscordRest.Refused e) {
            if (e.is(ErrorResponse.UNKNOWN_MEMBER) || e.is(ErrorResponse.UNKNOWN_USER)) {
                throw new Refused("Could not " + what + ": not a member of the guild", e);
            }
            throw new Refused(e.getMessage(), e);
        } catch (DiscordRest.Passing e) {
            throw new Failed(e.getMessage(), e);
        }
    }

    private Guild connected() throws Failed, Refused {
        try {
            return guild.connected();
        } catch (DiscordRest.Passing e) {
            throw new Failed(e.getMessage(), e);
        } catch (RefusedDelivery e) {
            throw new Refused(e.getMessage(), e);
        }
    }

    private static Role role(Guild guild, String roleId) throws Refused {
        Role role = DiscordConnector.isSnowflake(roleId) ? guild.getRoleById(roleId) : null;
        if (role == null) {
            throw new Refused("The Discord guild has no role " + roleId, null);
        }
        return role;
    }

    /** Checked here, before asking Discord, so that the reason is named plainly. */
    private static Role manageable(Guild guild, String roleId) throws Refused {
        Role role = role(guild, roleId);
        Member self = guild.getSelfMember();
        if (!self.hasPermission(Permission.MANAGE_ROLES)) {
            throw new Refused("Sitrep lacks the Discord permission '" + Permission.MANAGE_ROLES.getName()
                    + "' to change who holds the role " + role.getName(), null);
        }
        if (!self.canInteract(role)) {
            throw new Refused("The role " + role.getName() + " is above Sitrep's own highest role, so Sitrep may not "
                    + "give or take it: move Sitrep's role above it (Server Settings → Roles)", null);
        }
        return role;
    }
}
