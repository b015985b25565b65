package io.sitrep.bot.maintenance;

/** Where a maintenance window is: ahead, running, over, or called off. */
public enum MaintenanceState {
    SCHEDULED("Scheduled"), IN_PROGRESS("In progress"), COMPLETED("Completed"), CANCELLED("Cancelled");

    private final String label;

    MaintenanceState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Scheduled or in progress: still on the clock, and on the page's maintenance section. */
    public boolean active() {
        return this == SCHEDULED || this == IN_PROGRESS;
    }
}
