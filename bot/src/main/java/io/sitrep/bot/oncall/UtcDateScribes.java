package io.sitrep.bot.oncall;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;

import biweekly.io.WriteContext;
import biweekly.io.chain.ChainingTextWriter;
import biweekly.io.scribe.property.DateEndScribe;
import biweekly.io.scribe.property.DateStartScribe;
import biweekly.io.scribe.property.DateTimeStampScribe;
import biweekly.property.DateEnd;
import biweekly.property.DateStart;
import biweekly.property.DateTimeStamp;

/**
 * The calendar's start, end and stamp of each event, written in UTC as the library would write
 * them ({@code 20270329T070000Z}) but with one formatter for all: the library builds a new date
 * format for every value, which was most of the time a 90-day calendar took. Only for calendars
 * whose times are all UTC date-times, as the on-call calendar's are.
 */
final class UtcDateScribes {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private UtcDateScribes() {
    }

    static ChainingTextWriter registerOn(ChainingTextWriter writer) {
        return writer.register(new Start()).register(new End()).register(new Stamp());
    }

    private static String utc(Date date) {
        return UTC.format(date.toInstant());
    }

    private static final class Start extends DateStartScribe {
        @Override
        protected String _writeText(DateStart property, WriteContext context) {
            return utc(property.getValue());
        }
    }

    private static final class End extends DateEndScribe {
        @Override
        protected String _writeText(DateEnd property, WriteContext context) {
            return utc(property.getValue());
        }
    }

    private static final class Stamp extends DateTimeStampScribe {
        @Override
        protected String _writeText(DateTimeStamp property, WriteContext context) {
            return utc(property.getValue());
        }
    }
}
