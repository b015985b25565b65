package io.sitrep.bot.chaos;

/** The new-incident budget the run's replicas are started with ({@code sitrep.alerts.max-new-incidents}). */
final class AlertBudget {

    static final int PER_MINUTE = 5;

    private AlertBudget() {
    }
}
