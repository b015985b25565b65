package io.sitrep.incident;

/**
 * Whether the public may learn of an incident: set at declaration ({@code --private}) and kept
 * for its life, so that nothing which decides what is published has to read it back from the
 * timeline.
 */
public enum Visibility {
    /** On the status page once it has a stakeholder update. */
    PUBLIC,
    /** Never on the status page, whatever is posted to stakeholders. */
    PRIVATE;

    /** The key in a declaration entry's data that said {@code --private} before visibility was a field. */
    private static final String DECLARED_PRIVATE = "private";

    /**
     * What an incident stored before visibility was a field was declared as: its declaration
     * entry said {@code private}, or it was public.
     */
    public static Visibility declaredIn(TimelineEntry declaration) {
        return declaration != null && declaration.kind() == TimelineKind.DECLARED
                && Boolean.TRUE.equals(declaration.data().get(DECLARED_PRIVATE)) ? PRIVATE : PUBLIC;
    }
}
