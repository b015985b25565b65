package io.sitrep.bot.oncall;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VEvent;

/**
 * A schedule's shifts as an RFC 5545 calendar, one event per shift. Each event's UID comes from
 * the schedule, layer, person and start, so a calendar application that reads the feed again
 * updates the events it has rather than adding copies; the library does the folding and escaping.
 */
public final class OnCallCalendar {

    private OnCallCalendar() {
    }

    public static String write(Schedule schedule, List<Shift> shifts, OnCallDirectory directory, Instant now) {
        ICalendar calendar = new ICalendar();
        calendar.setProductId("-//Sitrep//On-call//EN");
        calendar.setName(schedule.name());
        calendar.setExperimentalProperty("X-WR-CALNAME", schedule.name());
        calendar.setExperimentalProperty("X-WR-TIMEZONE", schedule.zone().getId());
        MessageDigest sha256 = sha256();
        Date stamp = Date.from(now);
        for (Shift shift : shifts) {
            VEvent event = new VEvent();
            event.setUid(uid(sha256, schedule, shift));
            event.setDateTimeStamp(stamp);
            event.setDateStart(Date.from(shift.from()));
            event.setDateEnd(Date.from(shift.until()));
            event.setSummary(shift.person() + " on call: " + schedule.name()
                    + (shift.override() ? " (override)" : " (" + shift.layer() + ")"));
            event.setDescription(description(schedule, shift, directory.personOrKey(shift.person())));
            calendar.addEvent(event);
        }
        return UtcDateScribes.registerOn(Biweekly.write(calendar)).go();
    }

    /** The shift in the schedule's zone, and in the person's own when that differs. */
    private static String description(Schedule schedule, Shift shift, Person person) {
        String text = "From " + OnCallTimes.format(shift.from(), schedule.zone()) + " until "
                + OnCallTimes.format(shift.until(), schedule.zone()) + " (" + schedule.zone().getId() + ").";
        if (person.timezone() != null && !person.timezone().equals(schedule.zone())) {
            text += "\nFor " + person.key() + ": " + OnCallTimes.format(shift.from(), person.timezone()) + " until "
                    + OnCallTimes.format(shift.until(), person.timezone()) + " (" + person.timezone().getId() + ").";
        }
        return text;
    }

    /** Changing how a UID is made would make every subscriber see each shift twice: keep it as it is. */
    static String uid(MessageDigest sha256, Schedule schedule, Shift shift) {
        String identity = schedule.id() + "\n" + shift.layer() + "\n" + shift.person() + "\n" + shift.from();
        byte[] digest = sha256.digest(identity.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest, 0, 16) + "@sitrep-oncall";
    }

    /** One per calendar rather than one per event: looking the algorithm up costs more than hashing. */
    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java", e);
        }
    }
}
