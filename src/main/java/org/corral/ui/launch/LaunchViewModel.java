package org.corral.ui.launch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.corral.cgroup.InvalidValueException;
import org.corral.cgroup.LimitKey;
import org.corral.proc.NsType;
import org.corral.sandbox.LaunchException;
import org.corral.sandbox.LaunchValidator;
import org.corral.ui.Jobs;

/**
 * The launch dialog: an installed app or a typed command, a preset, namespace ticks, hostname,
 * jail and limits, all checked as they are typed; {@link #plan()} is what Launch runs.
 */
public final class LaunchViewModel {
    /** The limits the dialog offers. */
    public static final List<LimitKey> LIMITS = List.of(LimitKey.MEMORY_MAX, LimitKey.CPU_MAX, LimitKey.PIDS_MAX);

    private final Launcher launcher;
    private final Jobs jobs;
    private final ObservableList<DesktopEntry> apps = FXCollections.observableArrayList();
    private final ObjectProperty<DesktopEntry> app = new SimpleObjectProperty<>();
    private final StringProperty command = new SimpleStringProperty("");
    private final ObjectProperty<Preset> preset = new SimpleObjectProperty<>();
    private final Map<NsType, BooleanProperty> namespaces = new LinkedHashMap<>();
    private final StringProperty hostname = new SimpleStringProperty("");
    private final StringProperty domainname = new SimpleStringProperty("");
    private final StringProperty jail = new SimpleStringProperty("");
    private final StringProperty cgroupName = new SimpleStringProperty("");
    private final StringProperty user = new SimpleStringProperty("");
    private final boolean asRoot;
    private final Map<LimitKey, StringProperty> limits = new LinkedHashMap<>();
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper outcome = new ReadOnlyStringWrapper("");
    private final BooleanBinding canLaunch;

    /**
     * @param asRoot the app runs as root: a launch then names the user the app runs as (the
     *               sandbox never runs a payload as root unless told so), SUDO_USER by default
     */
    public LaunchViewModel(List<DesktopEntry> installed, Launcher launcher, Jobs jobs, boolean asRoot) {
        this.launcher = launcher;
        this.jobs = jobs;
        this.asRoot = asRoot;
        apps.setAll(installed);
        String sudoUser = System.getenv("SUDO_USER");
        if (asRoot && sudoUser != null) user.set(sudoUser);
        List<ObservableValue<?>> deps = new ArrayList<>(List.of(command, hostname, domainname, jail, cgroupName, user));
        for (NamespaceOption o : NamespaceOption.launchable()) {
            BooleanProperty p = new SimpleBooleanProperty();
            namespaces.put(o.type(), p);
            deps.add(p);
        }
        for (LimitKey k : LIMITS) {
            StringProperty p = new SimpleStringProperty("");
            limits.put(k, p);
            deps.add(p);
        }
        app.addListener((o, was, now) -> {
            if (now != null) {
                command.set(String.join(" ", now.argv().stream().map(LaunchViewModel::quoteIfNeeded).toList()));
                if (cgroupName.get().isBlank() || was != null && cgroupName.get().equals(suggestName(was))) {
                    cgroupName.set(suggestName(now));
                }
            }
        });
        preset.addListener((o, was, now) -> applyPreset(now));
        for (ObservableValue<?> d : deps) d.addListener((o, was, now) -> problem.set(check()));
        problem.set(check());
        canLaunch = Bindings.createBooleanBinding(() -> problem.get() == null && launcher.unavailableReason() == null, problem);
    }

    static String quoteIfNeeded(String arg) {
        return arg.isEmpty() || arg.chars().anyMatch(c -> Character.isWhitespace(c) || c == '"' || c == '\'' || c == '\\')
                ? "'" + arg.replace("'", "'\\''") + "'" : arg;
    }

    /** A cgroup name from an app: "firefox-esr" from "Firefox ESR". */
    static String suggestName(DesktopEntry e) {
        String n = e.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        return n.isEmpty() ? "app" : n;
    }

    private void applyPreset(Preset p) {
        if (p == null) return;
        for (LimitKey k : LIMITS) limits.get(k).set(p.limits().getOrDefault(k, ""));
        for (Map.Entry<NsType, BooleanProperty> e : namespaces.entrySet()) e.getValue().set(p.namespaces().contains(e.getKey()));
    }

    /** The first problem, in a sentence, or null when the plan is complete. */
    String check() {
        try {
            plan();
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /** @throws IllegalArgumentException naming what to fix */
    public LaunchPlan plan() {
        List<String> argv = Argv.split(command.get() == null ? "" : command.get());
        if (argv.isEmpty()) throw new IllegalArgumentException("Pick an application or type a command.");
        Set<NsType> ns = EnumSet.noneOf(NsType.class);
        namespaces.forEach((t, p) -> {
            if (p.get()) ns.add(t);
        });
        String host = utsName(hostname, "hostname", ns);
        String domain = utsName(domainname, "domain name", ns);
        Path jailDir = null;
        String j = jail.get() == null ? "" : jail.get().strip();
        boolean minimal = j.equals("minimal");
        if (minimal && !ns.contains(NsType.MNT)) {
            throw new IllegalArgumentException("A jail is built from bind mounts in a new mount namespace: tick Mount.");
        }
        if (!j.isEmpty() && !minimal) {
            jailDir = Path.of(j);
            if (!jailDir.isAbsolute()) throw new IllegalArgumentException("The jail must be an absolute directory path.");
            if (!Files.isDirectory(jailDir)) throw new IllegalArgumentException("The jail " + j + " is not a directory.");
            if (!ns.contains(NsType.MNT)) throw new IllegalArgumentException("A jail is built from bind mounts in a new mount namespace: tick Mount.");
        }
        String name = cgroupName.get() == null ? "" : cgroupName.get().strip();
        if (name.isEmpty()) name = argv.get(0).substring(argv.get(0).lastIndexOf('/') + 1);
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw new IllegalArgumentException("The cgroup name '" + name + "' may have letters, digits, '.', '_' and '-' only.");
        }
        Map<LimitKey, String> lim = new LinkedHashMap<>();
        for (Map.Entry<LimitKey, StringProperty> e : limits.entrySet()) {
            String v = e.getValue().get() == null ? "" : e.getValue().get().strip();
            if (v.isEmpty()) continue;
            try {
                e.getKey().normalize(v); // checked here; sent as typed ("50%", "2G"), as corral run takes them
                lim.put(e.getKey(), v);
            } catch (InvalidValueException ex) {
                throw new IllegalArgumentException(ex.getMessage());
            }
        }
        String runAs = user.get() == null ? "" : user.get().strip();
        if (asRoot && runAs.isEmpty()) {
            throw new IllegalArgumentException("Corral runs as root: name the user the app runs as (Run as).");
        }
        if (!runAs.isEmpty() && !runAs.matches("[a-z_][a-z0-9_-]{0,31}\\$?")) {
            throw new IllegalArgumentException("'" + runAs + "' is not a user name.");
        }
        return new LaunchPlan(argv, ns, host, domain, jailDir, minimal, name, lim, runAs.isEmpty() ? null : runAs);
    }

    /** A hostname or domain name as typed (null: none), checked by the launcher's own rule. */
    private static String utsName(StringProperty typed, String what, Set<NsType> ns) {
        String v = typed.get() == null ? "" : typed.get().strip();
        if (v.isEmpty()) return null;
        if (!ns.contains(NsType.UTS)) {
            throw new IllegalArgumentException("A " + what + " needs its own UTS namespace: tick UTS.");
        }
        try {
            return LaunchValidator.utsName(v, what);
        } catch (LaunchException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    /** Launches off the UI thread; {@code started} gets the new cgroup's notation. */
    public void launch(Consumer<String> started) {
        if (!canLaunch.get()) return;
        LaunchPlan p = plan();
        outcome.set("Launching " + p.argv().get(0) + "…");
        jobs.run(() -> launcher.launch(p), cg -> {
            outcome.set("Started " + String.join(" ", p.argv()) + " in " + cg + ".");
            started.accept(cg);
        }, e -> outcome.set("Could not launch: " + e.getMessage()));
    }

    public ObservableList<DesktopEntry> apps() {
        return apps;
    }

    public ObjectProperty<DesktopEntry> appProperty() {
        return app;
    }

    public StringProperty commandProperty() {
        return command;
    }

    public ObjectProperty<Preset> presetProperty() {
        return preset;
    }

    public BooleanProperty namespace(NsType t) {
        return namespaces.get(t);
    }

    public StringProperty hostnameProperty() {
        return hostname;
    }

    public StringProperty domainnameProperty() {
        return domainname;
    }

    public StringProperty jailProperty() {
        return jail;
    }

    public StringProperty cgroupNameProperty() {
        return cgroupName;
    }

    /** The user the app runs as (asked only when Corral runs as root). */
    public StringProperty userProperty() {
        return user;
    }

    public boolean asksForUser() {
        return asRoot;
    }

    public StringProperty limit(LimitKey k) {
        return limits.get(k);
    }

    /** The first problem with what is filled in, or null. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty outcomeProperty() {
        return outcome.getReadOnlyProperty();
    }

    public BooleanBinding canLaunchProperty() {
        return canLaunch;
    }

    /** Why Launch is disabled although the form is complete (no launcher), or null. */
    public String launcherUnavailable() {
        return launcher.unavailableReason();
    }
}
