package org.corral.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Users from /etc/passwd (passwd(5): {@code name:password:UID:GID:GECOS:home:shell}). Only the
 * local file is read, as {@link org.corral.proc.UserNames} does: a user known only to LDAP or
 * systemd-userdb cannot be named, and a uid without a line gets no name (its payload then has
 * no supplementary groups and HOME=/).
 */
public final class Accounts {
    private final List<PayloadUser> users;

    private Accounts(List<PayloadUser> users) {
        this.users = users;
    }

    public static Accounts load(Path passwd) {
        try {
            return parse(Files.readString(passwd, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Accounts(List.of());
        }
    }

    public static Accounts system() {
        return load(Path.of("/etc/passwd"));
    }

    static Accounts parse(String content) {
        List<PayloadUser> out = new ArrayList<>();
        for (String line : content.split("\n")) {
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("+") || line.startsWith("-")) continue;
            String[] f = line.split(":", -1);
            if (f.length < 7 || f[0].isEmpty()) continue;
            try {
                out.add(new PayloadUser(Integer.parseInt(f[2]), Integer.parseInt(f[3]), f[0], f[5], f[6]));
            } catch (NumberFormatException e) {
                // not a passwd line
            }
        }
        return new Accounts(List.copyOf(out));
    }

    public Optional<PayloadUser> byName(String name) {
        return users.stream().filter(u -> u.name().equals(name)).findFirst();
    }

    /** The first line with this uid, as getpwuid(3) on files. */
    public Optional<PayloadUser> byUid(int uid) {
        return users.stream().filter(u -> u.uid() == uid).findFirst();
    }
}
