package io.sitrep.incident;

/**
 * Who asked for a change, and through which door: the actor and source of the timeline entry
 * the change writes.
 *
 * @param platform where they typed it
 * @param id       the platform's id of the person (a Slack or Discord user id), null where the
 *                 platform has none (the console, the HTTP API): there the name is the identity
 */
public record Caller(String name, Platform platform, String id) {

    public Caller {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a caller needs a name");
        }
        if (platform == null) {
            throw new IllegalArgumentException("a caller types on some platform");
        }
        id = id == null || id.isBlank() ? null : id;
    }

    /** The platform's stored name ({@code slack}): the source of the timeline entries the caller writes. */
    public String source() {
        return platform.wireName();
    }

    /** Where the caller's changes come from: this person, on their platform. */
    public Origin.Person origin() {
        return new Origin.Person(platform, name, id);
    }

    /**
     * How the caller is kept on an incident (as a role holder, the postmortem owner): the
     * platform's mention {@code <@U0ALICE>} where there is an id — it notifies, and no one can
     * take it by renaming themselves — or else the name.
     */
    public String reference() {
        return id == null ? name : PersonReference.mention(id);
    }

    /**
     * Whether {@code reference}, as kept on an incident, is this caller. A caller with an id is
     * only ever their own mention: a name can be taken by renaming oneself. A caller without
     * one (the console, the API) is their name, and never a mention, which only a platform
     * that vouches for the id may claim.
     */
    public boolean is(String reference) {
        if (reference == null) {
            return false;
        }
        if (id != null) {
            return reference.equals(PersonReference.mention(id));
        }
        return reference.equals(name) && PersonReference.idOf(reference).isEmpty();
    }
}
