package org.corral.sandbox;

import java.io.File;
import java.lang.ProcessBuilder.Redirect;

/** Where the payload's stdin, stdout and stderr go (the CLI: Corral's own; tests: pipes). */
public record LaunchIo(Redirect in, Redirect out, Redirect err) {
    public static LaunchIo inherit() {
        return new LaunchIo(Redirect.INHERIT, Redirect.INHERIT, Redirect.INHERIT);
    }

    /** stdin from /dev/null, stdout and stderr readable through {@link Launch#process()}. */
    public static LaunchIo pipes() {
        return new LaunchIo(Redirect.from(new File("/dev/null")), Redirect.PIPE, Redirect.PIPE);
    }

    /** Nothing in, nothing kept. */
    public static LaunchIo discard() {
        return new LaunchIo(Redirect.from(new File("/dev/null")), Redirect.DISCARD, Redirect.DISCARD);
    }
}
