package org.corral.systemd;

import java.util.List;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.Struct;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.annotations.Position;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;

/**
 * The part of org.freedesktop.systemd1.Manager (org.freedesktop.systemd1(5)) Corral calls, on
 * /org/freedesktop/systemd1. Method names are the D-Bus member names, so they are capitalised.
 * Use {@link SystemdManager}, which wraps this with person-readable errors.
 */
@DBusInterfaceName("org.freedesktop.systemd1.Manager")
public interface Systemd1Manager extends DBusInterface {
    /** StartTransientUnit(in s name, in s mode, in a(sv) properties, in a(sa(sv)) aux, out o job). */
    DBusPath StartTransientUnit(String name, String mode, List<Property> properties, List<AuxUnit> aux);

    /** SetUnitProperties(in s name, in b runtime, in a(sv) properties). */
    void SetUnitProperties(String name, boolean runtime, List<Property> properties);

    /** AttachProcessesToUnit(in s unit_name, in s subcgroup, in au pids). */
    void AttachProcessesToUnit(String unitName, String subcgroup, List<UInt32> pids);

    /** GetUnitByControlGroup(in s cgroup, out o unit). */
    DBusPath GetUnitByControlGroup(String cgroup);

    DBusPath GetUnit(String name);

    DBusPath StartUnit(String name, String mode);

    DBusPath StopUnit(String name, String mode);

    void KillUnit(String name, String whom, int signal);

    void ResetFailedUnit(String name);

    void FreezeUnit(String name);

    void ThawUnit(String name);

    /** daemon-reload: re-reads unit files and drop-ins; the reply comes when the reload is done. */
    void Reload();

    /** One (sv) pair of a property list. */
    final class Property extends Struct {
        @Position(0)
        public final String name;
        @Position(1)
        public final Variant<?> value;

        public Property(String name, Variant<?> value) {
            this.name = name;
            this.value = value;
        }
    }

    /** One (sa(sv)) auxiliary unit of StartTransientUnit (Corral passes none). */
    final class AuxUnit extends Struct {
        @Position(0)
        public final String name;
        @Position(1)
        public final List<Property> properties;

        public AuxUnit(String name, List<Property> properties) {
            this.name = name;
            this.properties = properties;
        }
    }
}
