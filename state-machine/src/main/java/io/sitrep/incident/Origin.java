package io.sitrep.incident;

/**
 * Where a change came from: a person on a platform, or one of Sitrep's own {@link Watcher}s.
 * Stored as one name, the platform's or the watcher's ({@code slack}, {@code reminder}), as the
 * previous release wrote it; the person is stored beside it.
 */
public sealed interface Origin permits Origin.Person, Watcher {

    /** The stored name: the platform's for a person, the watcher's own. */
    String wireName();

    /**
     * The origin stored as {@code name} for a change by {@code name}/{@code id}: a watcher's name
     * is the watcher; any other is the platform a person used, known or not.
     */
    static Origin read(String name, String personName, String personId) {
        return Watcher.find(name).<Origin>map(w -> w)
                .orElseGet(() -> new Person(Platform.named(name), personName, personId));
    }

    /**
     * A person on a platform.
     *
     * @param name their name on it
     * @param id   the platform's id of them (a Slack or Discord user id), null where it has none
     */
    record Person(Platform platform, String name, String id) implements Origin {

        public Person {
            if (platform == null) {
                throw new IllegalArgumentException("a person is on some platform");
            }
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a person needs a name");
            }
            id = id == null || id.isBlank() ? null : id;
        }

        @Override
        public String wireName() {
            return platform.wireName();
        }
    }
}
