package org.corral.proc;

/**
 * The state letter of {@code /proc/PID/stat} field 3 (proc(5); Linux 4.14+ letters shown by
 * this kernel's {@code fs/proc/array.c} task_state_array).
 */
public enum ProcState {
    RUNNING('R', "running"),
    SLEEPING('S', "sleeping in an interruptible wait"),
    DISK_SLEEP('D', "waiting in uninterruptible disk sleep"),
    STOPPED('T', "stopped (on a signal)"),
    TRACING_STOP('t', "tracing stop"),
    DEAD('X', "dead"),
    ZOMBIE('Z', "zombie: exited, not yet waited for by its parent"),
    PARKED('P', "parked (kernel thread; Linux 3.9 to 3.13 and 4.14+)"),
    IDLE('I', "idle kernel thread (Linux 4.14+)"),
    WAKEKILL('K', "wakekill (Linux 2.6.33 to 3.13)"),
    WAKING('W', "waking (Linux 2.6.33 to 3.13); paging before 2.6.0"),
    UNKNOWN('?', "a state letter this version of Corral does not know");

    private final char code;
    private final String description;

    ProcState(char code, String description) {
        this.code = code;
        this.description = description;
    }

    /** The letter as the kernel writes it ('?' for {@link #UNKNOWN}). */
    public char code() {
        return code;
    }

    public String description() {
        return description;
    }

    /** The state for a letter; 'x' (dead before 4.14) is {@link #DEAD}; others {@link #UNKNOWN}. */
    public static ProcState of(char code) {
        switch (code) {
            case 'R': return RUNNING;
            case 'S': return SLEEPING;
            case 'D': return DISK_SLEEP;
            case 'T': return STOPPED;
            case 't': return TRACING_STOP;
            case 'X': case 'x': return DEAD;
            case 'Z': return ZOMBIE;
            case 'P': return PARKED;
            case 'I': return IDLE;
            case 'K': return WAKEKILL;
            case 'W': return WAKING;
            default: return UNKNOWN;
        }
    }
}
