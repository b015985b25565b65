package io.sitrep.integrations.chat.slack;

import java.util.List;

/**
 * The members of Slack user groups ({@code @platform-oncall}), read and replaced, so that a
 * mention of the group reaches whoever is on call. Each call gets the Web API's usual handling
 * (rate limits and outages tried again a few times); what still fails is thrown for the caller
 * to try again later. Needs the {@code usergroups:read} and {@code usergroups:write} scopes.
 */
public final class SlackUsergroups {

    /** A call Slack refused or could not answer; the message carries Slack's error code, never the token. */
    public static final class CallFailedException extends Exception {
        CallFailedException(SlackCallFailedException cause) {
            super(cause.getMessage(), cause);
        }
    }

    private final SlackWebApi api;

    SlackUsergroups(SlackWebApi api) {
        this.api = api;
    }

    /** The group's members, as Slack user ids. */
    public List<String> members(String usergroup) throws CallFailedException {
        try {
            List<String> users = api.call("usergroups.users.list", c -> c.usergroupsUsersList(r -> r.usergroup(usergroup)))
                    .getUsers();
            return users == null ? List.of() : List.copyOf(users);
        } catch (SlackCallFailedException e) {
            throw new CallFailedException(e);
        }
    }

    /** Makes {@code users} the group's whole membership; asking twice for the same is harmless. */
    public void replaceMembers(String usergroup, List<String> users) throws CallFailedException {
        try {
            api.call("usergroups.users.update", c -> c.usergroupsUsersUpdate(r -> r.usergroup(usergroup).users(users)));
        } catch (SlackCallFailedException e) {
            throw new CallFailedException(e);
        }
    }
}
