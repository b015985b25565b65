package io.sitrep.incident.paging;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** An incident's pages, oldest first. */
public record Paging(List<Page> pages) {

    public static final Paging NONE = new Paging(List.of());

    public Paging {
        pages = pages == null ? List.of() : List.copyOf(pages);
    }

    /** The id the next page gets: {@code P1}, {@code P2}, … */
    public String nextId() {
        return "P" + (pages.size() + 1);
    }

    public Paging with(Page page) {
        List<Page> all = new ArrayList<>(pages);
        all.add(page);
        return new Paging(all);
    }

    public Optional<Page> page(String id) {
        return pages.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /** The same pages with {@code id} replaced by what {@code change} makes of it. */
    public Paging updated(String id, UnaryOperator<Page> change) {
        return new Paging(pages.stream().map(p -> p.id().equals(id) ? change.apply(p) : p).toList());
    }

    /** Every page that still runs, ended at {@code at} for {@code why}. */
    public Paging endedAll(Instant at, String why) {
        return new Paging(pages.stream().map(p -> p.live() ? p.ended(at, why) : p).toList());
    }

    /** Every page that still runs, acknowledged. */
    public Paging acknowledgedAll(Page.Acknowledgement ack) {
        return new Paging(pages.stream().map(p -> p.live() ? p.acknowledgedBy(ack) : p).toList());
    }

    public List<Page> live() {
        return pages.stream().filter(Page::live).toList();
    }

    /** The live page due soonest, if any is due at all. */
    public Optional<Page> nextDue() {
        return pages.stream().filter(p -> p.live() && p.dueAt() != null)
                .min(java.util.Comparator.comparing(Page::dueAt));
    }

    public boolean isEmpty() {
        return pages.isEmpty();
    }
}
