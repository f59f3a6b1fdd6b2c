package org.corral.protocol;

import java.util.List;

/** The answer to {@link Op#JOURNAL}: entries oldest first. */
public record JournalResult(List<JournalEntry> entries) {}
