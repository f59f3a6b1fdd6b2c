package org.corral.protocol;

/**
 * {@link Op#UNDO}: restore what journal entry {@code seq} replaced. Refused when a file has
 * changed since that entry wrote it, unless {@code force}.
 */
public record UndoArgs(long seq, boolean force) {
    public static UndoArgs from(Fields f) {
        return new UndoArgs(f.number("seq", 1, Long.MAX_VALUE), f.flag("force", false));
    }
}
