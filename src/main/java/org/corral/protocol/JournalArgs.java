package org.corral.protocol;

/** {@link Op#JOURNAL}: the {@code limit} most recent entries (default 50, at most 1000). */
public record JournalArgs(Integer limit) {
    public static final int DEFAULT = 50;
    public static final int MAX = 1000;

    public static JournalArgs from(Fields f) {
        return new JournalArgs(f.optionalNumber("limit", 1, MAX).map(Long::intValue).orElse(DEFAULT));
    }
}
