package org.corral.systemd;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.corral.sys.Sys;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.AbstractConnection;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.connections.impl.DirectConnection;
import org.freedesktop.dbus.connections.impl.DirectConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.UInt64;
import org.freedesktop.dbus.types.Variant;

/**
 * A connection to one systemd instance over D-Bus: the system manager (system bus), the calling
 * user's own manager (session bus), or, for root, a user's manager through its private socket.
 * Each method is one systemd call with an error a person can read ({@link SystemdException}).
 * Close it when done.
 */
public final class SystemdManager implements AutoCloseable {
    static final String BUS_NAME = "org.freedesktop.systemd1";
    static final String OBJECT = "/org/freedesktop/systemd1";
    private static final String UNIT_IFACE = "org.freedesktop.systemd1.Unit";
    private static final String JOB_IFACE = "org.freedesktop.systemd1.Job";
    private static final Duration JOB_TIMEOUT = Duration.ofSeconds(30);

    private final AbstractConnection connection;
    private final String busName;
    private final String description;
    private final Systemd1Manager manager;

    private SystemdManager(AbstractConnection connection, String busName, String description) throws DBusException {
        this.connection = connection;
        this.busName = busName;
        this.description = description;
        this.manager = remote(OBJECT, Systemd1Manager.class);
    }

    /** The system's service manager (PID 1), on the system bus. Changing units needs root or polkit. */
    public static SystemdManager system() {
        try {
            return new SystemdManager(DBusConnectionBuilder.forSystemBus().withShared(false).build(), BUS_NAME,
                    "systemd (system manager)");
        } catch (DBusException | RuntimeException e) {
            throw new SystemdException("cannot reach systemd on the system bus (" + describe(e)
                    + "); is dbus running? (apt-get install dbus)", null, e);
        }
    }

    /**
     * The calling user's own manager ({@code systemd --user}) on the user's session bus:
     * $DBUS_SESSION_BUS_ADDRESS, else /run/user/UID/bus.
     */
    public static SystemdManager user() {
        String address = System.getenv("DBUS_SESSION_BUS_ADDRESS");
        if (address == null || address.isBlank()) address = "unix:path=/run/user/" + Sys.getuid() + "/bus";
        try {
            return new SystemdManager(DBusConnectionBuilder.forAddress(address).withShared(false).build(), BUS_NAME,
                    "systemd --user of uid " + Sys.getuid());
        } catch (DBusException | RuntimeException e) {
            throw new SystemdException("cannot reach your systemd --user on " + address + " (" + describe(e)
                    + "); is a user session running?", null, e);
        }
    }

    /**
     * As root: user {@code uid}'s manager through its private socket /run/user/UID/systemd/private
     * (a direct D-Bus connection, no bus daemon; root may connect to it).
     *
     * <p>That directory belongs to the user, who could put a symlink there to another user's
     * manager socket, or to PID 1's (/run/systemd/private); root would follow it, and a caller
     * could then act on someone else's units through the backend. So every step of the path must
     * be what systemd makes (directories, then the socket, none a symlink, each owned by that
     * user), before the connection and again after it, the socket the very same file. What is
     * left is a user swapping the path and back between the two checks, within milliseconds.
     */
    public static SystemdManager userManagerOf(int uid) {
        Path socket = Path.of("/run/user/" + uid + "/systemd/private");
        // dbus-java retries a missing socket for seconds; say at once that no manager runs
        if (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
            throw new SystemdException("cannot reach the systemd --user of uid " + uid + ": " + socket
                    + " does not exist; is that user logged in?");
        }
        Object before = userSocket(socket, uid);
        SystemdManager m;
        try {
            DirectConnection c = DirectConnectionBuilder.forAddress("unix:path=" + socket).build();
            m = new SystemdManager(c, null, "systemd --user of uid " + uid);
        } catch (DBusException | RuntimeException e) {
            throw new SystemdException("cannot reach the systemd --user of uid " + uid + " at " + socket + " ("
                    + describe(e) + "); is that user logged in?", null, e);
        }
        try {
            if (!before.equals(userSocket(socket, uid))) throw new SystemdException(socket + " changed while Corral connected to it");
        } catch (SystemdException e) {
            m.close();
            throw e;
        }
        return m;
    }

    /**
     * Checks /run/user/UID, its systemd/ and systemd/private without following a link: real
     * directories and a socket, owned by {@code uid}.
     *
     * @return the socket's identity (device and inode), to see it is the same after connecting
     */
    static Object userSocket(Path socket, int uid) {
        List<Object> id = new ArrayList<>();
        for (Path p : List.of(socket.getParent().getParent(), socket.getParent(), socket)) {
            try {
                Map<String, Object> a = Files.readAttributes(p, "unix:uid,mode,dev,ino", LinkOption.NOFOLLOW_LINKS);
                int type = (Integer) a.get("mode") & 0170000;
                boolean want = p.equals(socket) ? type == 0140000 : type == 0040000;
                String refusing = "; refusing to use it as the systemd --user of uid " + uid;
                if (!want) {
                    throw new SystemdException(p + " is " + kind(type) + ", not " + (p.equals(socket) ? "a socket" : "a directory")
                            + refusing);
                }
                if ((Integer) a.get("uid") != uid) throw new SystemdException(p + " belongs to uid " + a.get("uid") + refusing);
                if (p.equals(socket)) id = List.of(a.get("dev"), a.get("ino"));
            } catch (IOException e) {
                throw new SystemdException("cannot check " + p + " (" + describe(e) + "); refusing to use it as the systemd --user"
                        + " of uid " + uid, null, e);
            }
        }
        return id;
    }

    private static String kind(int type) {
        return switch (type) {
            case 0120000 -> "a symlink";
            case 0100000 -> "a regular file";
            case 0040000 -> "a directory";
            case 0140000 -> "a socket";
            default -> "a special file";
        };
    }

    /** "systemd (system manager)", "systemd --user of uid 1000". */
    public String description() {
        return description;
    }

    /**
     * Starts a transient scope (StartTransientUnit, mode "fail") and waits until its job is done
     * and its processes are in its cgroup, so they are there when this returns.
     *
     * <p>A user's manager cannot move a process that lives outside its own tree (say in the
     * system manager's corral-test.service or session-2.scope) and asks the system manager to,
     * asynchronously (systemd 252). Until that is done the scope's cgroup is empty, and the user's
     * manager may end the scope as empty before the processes arrive. Then the scope is started
     * again (up to 3 times): the processes are by then in, or on their way to, its cgroup
     * inside the manager's own tree, where it moves them itself.
     *
     * @return the scope's cgroup path, as systemd reports it (ControlGroup)
     */
    public String startTransientScope(ScopeSpec spec) {
        List<UnitSetting> props = new ArrayList<>(spec.properties());
        props.add(new UnitSetting("PIDs", "au", spec.pids().stream().map(p -> (long) p).toList(),
                spec.pids().toString()));
        for (int attempt = 1; ; attempt++) {
            DBusPath job = call("StartTransientUnit", spec.unit(),
                    () -> manager.StartTransientUnit(spec.unit(), "fail", toDBus(props), List.of()));
            awaitJob(job, spec.unit());
            Optional<String> cgroup = awaitProcessesIn(spec);
            if (cgroup.isPresent()) return cgroup.get();
            Optional<String> state = activeStateIfLoaded(spec.unit());
            boolean ended = state.isEmpty() || state.get().equals("inactive") || state.get().equals("failed");
            if (attempt == 3 || !ended || spec.pids().stream().noneMatch(Sys::processExists)) {
                throw new SystemdException("systemd started " + spec.unit() + " but it is " + state.orElse("gone")
                        + (state.isPresent() ? " (Result=" + unitProperty(spec.unit(), "Result", "org.freedesktop.systemd1.Scope")
                        + ")" : "") + " without its processes " + spec.pids());
            }
            forget(spec.unit());
        }
    }

    /**
     * Polls (2 s at most) until the scope is active with every process of {@code spec} in its
     * cgroup (/proc/PID/cgroup); empty when the scope ended first or the processes did not come.
     */
    private Optional<String> awaitProcessesIn(ScopeSpec spec) {
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (true) {
            try {
                Optional<String> state = activeStateIfLoaded(spec.unit());
                if (state.isEmpty() || !state.get().equals("active") && !state.get().equals("activating")) return Optional.empty();
                String cgroup = controlGroup(spec.unit());
                if (state.get().equals("active") && spec.pids().stream().allMatch(p -> inCgroup(p, cgroup))) return Optional.of(cgroup);
            } catch (SystemdException e) {
                // the scope went while it was read: asked again below
            }
            if (System.nanoTime() > deadline) return Optional.empty();
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }

    /** Whether /proc/PID/cgroup puts the process in {@code cgroup} (in some hierarchy). */
    public static boolean inCgroup(int pid, String cgroup) {
        try {
            return java.nio.file.Files.readAllLines(Path.of("/proc", Integer.toString(pid), "cgroup")).stream()
                    .anyMatch(l -> l.substring(l.indexOf(':', l.indexOf(':') + 1) + 1).equals(cgroup));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Waits (2 s at most) until systemd has unloaded an ended unit, so its name can be used again. */
    private void forget(String unit) {
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (activeStateIfLoaded(unit).isPresent() && System.nanoTime() < deadline) {
            try {
                resetFailedUnit(unit);
            } catch (SystemdException ignored) {
                // not failed
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** SetUnitProperties(name, runtime=true, ...): until reboot, kept across daemon-reload. */
    public void setUnitProperties(String unit, List<UnitSetting> settings) {
        call("SetUnitProperties", unit, () -> {
            manager.SetUnitProperties(unit, true, toDBus(settings));
            return null;
        });
    }

    /**
     * AttachProcessesToUnit: moves processes into {@code unit}'s cgroup, or {@code subcgroup}
     * below it ("" for the unit's own; a subcgroup only in delegated units).
     */
    public void attachProcesses(String unit, String subcgroup, List<Integer> pids) {
        call("AttachProcessesToUnit", unit, () -> {
            manager.AttachProcessesToUnit(unit, subcgroup, pids.stream().map(UInt32::new).toList());
            return null;
        });
    }

    /** The unit whose cgroup (or delegated subtree) holds {@code cgroupPath} ("/system.slice/x.service"). */
    public Optional<String> unitByControlGroup(String cgroupPath) {
        try {
            DBusPath p = manager.GetUnitByControlGroup(cgroupPath);
            return Optional.of(propertyAt(p.getPath(), UNIT_IFACE, "Id"));
        } catch (DBusExecutionException e) {
            if (isNoSuchUnit(e)) return Optional.empty();
            throw refused("GetUnitByControlGroup", cgroupPath, e);
        }
    }

    /** Delegate= of a service or scope (false for other unit types). */
    public boolean delegate(String unit) {
        String type = UnitNames.type(unit);
        if (!type.equals("service") && !type.equals("scope")) return false;
        Object v = unitProperty(unit, "Delegate", "org.freedesktop.systemd1." + capitalize(type));
        return Boolean.TRUE.equals(v);
    }

    /** ControlGroup of a unit: its cgroup path ("/system.slice/foo.service"). */
    public String controlGroup(String unit) {
        String type = capitalize(UnitNames.type(unit));
        return unitProperty(unit, "ControlGroup", "org.freedesktop.systemd1." + type);
    }

    /**
     * ActiveState of a unit if systemd has it loaded; empty once it is gone (a transient unit
     * that ended and was garbage-collected).
     */
    public Optional<String> activeStateIfLoaded(String unit) {
        try {
            DBusPath p = manager.GetUnit(unit);
            return Optional.of(propertyAt(p.getPath(), UNIT_IFACE, "ActiveState"));
        } catch (DBusExecutionException e) {
            if (isNoSuchUnit(e)) return Optional.empty();
            throw refused("GetUnit", unit, e);
        } catch (SystemdException e) {
            // unloaded between GetUnit and the property read: GetUnit says so now
            try {
                manager.GetUnit(unit);
            } catch (DBusExecutionException again) {
                if (isNoSuchUnit(again)) return Optional.empty();
            }
            throw e;
        }
    }

    /** ResetFailedUnit: forgets a failed unit's state, so systemd can unload it. */
    public void resetFailedUnit(String unit) {
        call("ResetFailedUnit", unit, () -> {
            manager.ResetFailedUnit(unit);
            return null;
        });
    }

    /** ActiveState of a unit ("active", "inactive", "failed"...). */
    public String activeState(String unit) {
        return unitProperty(unit, "ActiveState");
    }

    /** A property of a unit's type-specific interface (e.g. org.freedesktop.systemd1.Service). */
    public <T> T unitProperty(String unit, String property, String iface) {
        DBusPath p = call("GetUnit", unit, () -> manager.GetUnit(unit));
        return propertyAt(p.getPath(), iface, property);
    }

    private String unitProperty(String unit, String property) {
        return unitProperty(unit, property, UNIT_IFACE);
    }

    /** A uint64 property (MemoryMax, TasksMax...) as an unsigned number; 2^64-1 is infinity. */
    public BigInteger unitUInt64(String unit, String property) {
        String type = capitalize(UnitNames.type(unit));
        Object v = unitProperty(unit, property, "org.freedesktop.systemd1." + type);
        return v instanceof UInt64 u ? u.value() : new BigInteger(String.valueOf(v));
    }

    /**
     * What {@code unit} has now for the property {@code like} sets, in the same form, so that it
     * can be set back later (undo).
     */
    public UnitSetting current(String unit, UnitSetting like) {
        Object v = unitProperty(unit, like.name(), "org.freedesktop.systemd1." + capitalize(UnitNames.type(unit)));
        return fromDBus(like.name(), like.signature(), v);
    }

    /** A property value as dbus-java returns it, as a setting of that signature. */
    static UnitSetting fromDBus(String name, String signature, Object v) {
        return switch (signature) {
            case "t" -> {
                BigInteger n = v instanceof UInt64 u ? u.value() : new BigInteger(String.valueOf(v));
                yield UnitSetting.uint64(name, n, n.equals(UnitSetting.INFINITY) ? "infinity" : n.toString());
            }
            case "ay" -> {
                byte[] b;
                if (v instanceof byte[] bytes) b = bytes;
                else if (v instanceof List<?> l) {
                    b = new byte[l.size()];
                    for (int i = 0; i < b.length; i++) b[i] = ((Number) l.get(i)).byteValue();
                } else throw new SystemdException(name + " came back as " + v.getClass().getSimpleName() + ", not bytes");
                UnitSetting s = UnitSetting.bytes(name, b, "");
                yield UnitSetting.bytes(name, b, s.text());
            }
            case "b" -> UnitSetting.bool(name, Boolean.TRUE.equals(v));
            case "s" -> UnitSetting.string(name, String.valueOf(v));
            default -> throw new IllegalArgumentException("unsupported D-Bus signature " + signature);
        };
    }

    public void startUnit(String unit) {
        DBusPath job = call("StartUnit", unit, () -> manager.StartUnit(unit, "replace"));
        awaitJob(job, unit);
    }

    public void stopUnit(String unit) {
        DBusPath job = call("StopUnit", unit, () -> manager.StopUnit(unit, "replace"));
        awaitJob(job, unit);
    }

    /** KillUnit(unit, "all", signal): every process of the unit. */
    public void killUnit(String unit, int signal) {
        call("KillUnit", unit, () -> {
            manager.KillUnit(unit, "all", signal);
            return null;
        });
    }

    public void freezeUnit(String unit) {
        call("FreezeUnit", unit, () -> {
            manager.FreezeUnit(unit);
            return null;
        });
    }

    public void thawUnit(String unit) {
        call("ThawUnit", unit, () -> {
            manager.ThawUnit(unit);
            return null;
        });
    }

    /** daemon-reload (Reload()): returns when systemd has re-read its units. */
    public void reload() {
        call("Reload", "", () -> {
            manager.Reload();
            return null;
        });
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (IOException | RuntimeException ignored) {
            // closing a broken connection: nothing left to release
        }
    }

    // ------------------------------------------------------------------------------------------

    private <T extends DBusInterface> T remote(String path, Class<T> type) throws DBusException {
        if (connection instanceof DBusConnection bus) return bus.getRemoteObject(busName, path, type);
        return ((DirectConnection) connection).getRemoteObject(path, type);
    }

    @SuppressWarnings("unchecked")
    private <T> T propertyAt(String path, String iface, String property) {
        try {
            Properties props = remote(path, Properties.class);
            Object v = props.Get(iface, property);
            return (T) (v instanceof Variant<?> var ? var.getValue() : v);
        } catch (DBusException e) {
            throw new SystemdException("cannot read " + property + " of " + path + ": " + describe(e), null, e);
        } catch (DBusExecutionException e) {
            throw refused("Get " + property, path, e);
        }
    }

    /**
     * Waits until systemd has finished a job: the job object exists while the job is queued or
     * running and disappears when it is done (systemctl waits the same way, on JobRemoved).
     * Polling keeps this free of signal subscriptions; jobs for scopes end in milliseconds.
     */
    private void awaitJob(DBusPath job, String unit) {
        long deadline = System.nanoTime() + JOB_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                propertyAt(job.getPath(), JOB_IFACE, "State");
            } catch (SystemdException e) {
                if (e.getCause() instanceof DBusExecutionException || e.errorName() != null) return;
                throw e;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SystemdException("interrupted while systemd ran the job for " + unit);
            }
        }
        throw new SystemdException("systemd did not finish the job for " + unit + " within "
                + JOB_TIMEOUT.toSeconds() + " s");
    }

    private interface Call<T> {
        T run();
    }

    private <T> T call(String method, String unit, Call<T> c) {
        try {
            return c.run();
        } catch (DBusExecutionException e) {
            throw refused(method, unit, e);
        }
    }

    private SystemdException refused(String method, String on, DBusExecutionException e) {
        String type = e.getType();
        // dbus-java reports its own class name when it has no class for the D-Bus error name
        if (type != null && type.equals(e.getClass().getName())) type = null;
        String msg = e.getMessage() == null ? "(no message)" : e.getMessage();
        return new SystemdException(description + " refused " + method + (on.isEmpty() ? "" : " on " + on) + ": "
                + msg + (type == null ? "" : " (" + type + ")"), type, e);
    }

    /**
     * org.freedesktop.systemd1.NoSuchUnit. dbus-java names the error only when a Java class of
     * that name exists, else getType() is its own class name: systemd's message tells then
     * ("Unit foo.scope not loaded.", "Unit foo.service not found.").
     */
    private static boolean isNoSuchUnit(DBusExecutionException e) {
        String t = e.getType();
        if (t != null && (t.endsWith(".NoSuchUnit") || t.endsWith(".NoUnitForInvocationID"))) return true;
        return e.getMessage() != null && NO_SUCH_UNIT.matcher(e.getMessage()).matches();
    }

    private static final java.util.regex.Pattern NO_SUCH_UNIT = java.util.regex.Pattern.compile("Unit \\S+ not (loaded|found)\\.?");

    /** Our settings as D-Bus (sv) pairs. */
    static List<Systemd1Manager.Property> toDBus(List<UnitSetting> settings) {
        List<Systemd1Manager.Property> out = new ArrayList<>();
        for (UnitSetting s : settings) out.add(new Systemd1Manager.Property(s.name(), variant(s)));
        return out;
    }

    @SuppressWarnings("unchecked")
    static Variant<?> variant(UnitSetting s) {
        return switch (s.signature()) {
            case "t" -> new Variant<>(new UInt64((BigInteger) s.value()));
            case "b" -> new Variant<>((Boolean) s.value());
            case "s" -> new Variant<>((String) s.value());
            case "ay" -> new Variant<>((byte[]) s.value());
            case "au" -> new Variant<>(((List<Long>) s.value()).stream().map(UInt32::new).toList(), "au");
            default -> throw new IllegalArgumentException("unsupported D-Bus signature " + s.signature());
        };
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
