package io.sitrep.bot.insights;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * The figures over a window, in all and by week (Monday to Sunday, UTC, named by its Monday),
 * by service and by severity.
 *
 * @param asOf when the summaries the figures come from were read
 */
@JsonPropertyOrder({"from", "to", "asOf"})
public record InsightsReport(
        LocalDate from,
        LocalDate to,
        Instant asOf,
        @JsonUnwrapped Figures all,
        List<Group> byWeek,
        List<Group> byService,
        List<Group> bySeverity) {

    /** One group's figures, with what it is: {@code week}, {@code service} or {@code severity}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Group(@JsonProperty("week") String week, @JsonProperty("service") String service,
                        @JsonProperty("severity") String severity, @JsonUnwrapped Figures figures) {

        /** The group's name, whichever it is. */
        public String name() {
            return week != null ? week : service != null ? service : severity;
        }
    }

    /** Services without a name are grouped under this. */
    static final String NO_SERVICE = "(none)";

    static InsightsReport of(List<IncidentSummary> summaries, Window window, Instant asOf) {
        List<IncidentSummary> inWindow = summaries.stream().filter(s -> window.contains(s.declaredAt())).toList();
        return new InsightsReport(window.from(), window.to(), asOf, Figures.of(inWindow, asOf),
                groups(inWindow, asOf, InsightsReport::week, weeks(window), name -> new Group(name, null, null, null)),
                groups(inWindow, asOf, s -> s.service() == null || s.service().isBlank() ? NO_SERVICE : s.service(),
                        List.of(), name -> new Group(null, name, null, null)),
                groups(inWindow, asOf, s -> s.severity().name(), List.of(), name -> new Group(null, null, name, null)));
    }

    static String week(IncidentSummary summary) {
        return monday(LocalDate.ofInstant(summary.declaredAt(), ZoneOffset.UTC)).toString();
    }

    /** Every week the window touches, quiet ones too: a chart shows the weeks nothing happened. */
    private static List<String> weeks(Window window) {
        List<String> weeks = new ArrayList<>();
        for (LocalDate monday = monday(window.from()); !monday.isAfter(window.to()); monday = monday.plusWeeks(1)) {
            weeks.add(monday.toString());
        }
        return weeks;
    }

    private static LocalDate monday(LocalDate day) {
        return day.with(TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY));
    }

    private static List<Group> groups(List<IncidentSummary> summaries, Instant now,
                                      Function<IncidentSummary, String> key, List<String> seed,
                                      Function<String, Group> named) {
        Map<String, List<IncidentSummary>> grouped = new TreeMap<>();
        seed.forEach(name -> grouped.put(name, new ArrayList<>()));
        for (IncidentSummary summary : summaries) {
            grouped.computeIfAbsent(key.apply(summary), k -> new ArrayList<>()).add(summary);
        }
        List<Group> groups = new ArrayList<>();
        grouped.forEach((name, members) -> {
            Group empty = named.apply(name);
            groups.add(new Group(empty.week(), empty.service(), empty.severity(), Figures.of(members, now)));
        });
        return List.copyOf(groups);
    }
}
