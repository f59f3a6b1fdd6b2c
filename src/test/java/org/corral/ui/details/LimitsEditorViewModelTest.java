package org.corral.ui.details;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.corral.cgroup.CgroupException;
import org.corral.cgroup.CgroupPath;
import org.corral.cgroup.CgroupRef;
import org.corral.cgroup.CgroupStats;
import org.corral.cgroup.LimitKey;
import org.corral.cgroup.MemoryLimit;
import org.corral.ui.Jobs;
import org.corral.ui.UiFixtures;
import org.corral.ui.actions.CgroupActions;
import org.corral.ui.actions.Done;
import org.corral.ui.actions.ReadOnlyCgroupActions;
import org.junit.jupiter.api.Test;

/** The limits editor with recorded actions: validation as you type, Apply, Revert, refusals. */
class LimitsEditorViewModelTest {
    private final CgroupRef ref = new CgroupRef(UiFixtures.v1Memory(), CgroupPath.parse("/box"));
    private final List<String> calls = new ArrayList<>();
    private CgroupStats after = UiFixtures.memStats("/box", 1, 0, MemoryLimit.bytes(64L << 20), 0);

    private CgroupActions recording(String refuseValue) {
        return new RecordingActions(calls, refuseValue);
    }

    private LimitsEditorViewModel editor(CgroupActions a) {
        LimitsEditorViewModel vm = new LimitsEditorViewModel(a, Jobs.direct(), r -> after);
        vm.show(ref, UiFixtures.memStats("/box", 1, 0, MemoryLimit.max(), 0), MemoryLimit.max());
        return vm;
    }

    @Test
    void offersTheLimitsTheV1MemoryHierarchyHolds() {
        LimitsEditorViewModel vm = editor(recording(null));
        assertEquals(List.of(LimitKey.MEMORY_LOW, LimitKey.MEMORY_MAX), vm.fields().stream().map(LimitField::key).toList(),
                "memory.min/high have no v1 file; swap.max only with memsw accounting");
        assertEquals("max", vm.field(LimitKey.MEMORY_MAX).textProperty().get());
    }

    @Test
    void invalidTextIsAnInlineErrorAndNothingCanBeApplied() {
        LimitsEditorViewModel vm = editor(recording(null));
        LimitField max = vm.field(LimitKey.MEMORY_MAX);
        max.textProperty().set("2Q");
        assertNotNull(max.error());
        assertTrue(max.error().startsWith("memory.max:"), max.error());
        assertFalse(vm.canApplyProperty().get());
        vm.apply();
        assertEquals(List.of(), calls, "nothing is written while a field is invalid");
        max.textProperty().set("64M");
        assertNull(max.error());
        assertTrue(vm.canApplyProperty().get());
    }

    @Test
    void applyWritesChangedFieldsAndShowsWhatTheKernelHolds() {
        LimitsEditorViewModel vm = editor(recording(null));
        LimitField max = vm.field(LimitKey.MEMORY_MAX);
        max.textProperty().set(" 64M ");
        vm.apply();
        assertEquals(List.of("set memory:/box memory.max 64M"), calls);
        assertEquals("64M", max.askedProperty().get());
        assertEquals("67108864", max.kernelProperty().get(), "the kernel's own bytes beside what was asked");
        assertFalse(max.isDirty());
        assertTrue(vm.outcomeProperty().get().startsWith("Applied 1 limit"));
    }

    @Test
    void aKernelRefusalStaysOnItsFieldWithTheTextKept() {
        LimitsEditorViewModel vm = editor(recording("1M"));
        LimitField max = vm.field(LimitKey.MEMORY_MAX);
        max.textProperty().set("1M");
        vm.apply();
        assertEquals("1M", max.textProperty().get());
        assertTrue(max.error().contains("EBUSY"), max.error());
        assertTrue(max.isDirty());
    }

    @Test
    void refreshKeepsWhatIsBeingTypedAndRevertRestores() {
        LimitsEditorViewModel vm = editor(recording(null));
        LimitField max = vm.field(LimitKey.MEMORY_MAX);
        max.textProperty().set("512M");
        vm.show(ref, UiFixtures.memStats("/box", 1, 10, MemoryLimit.bytes(1 << 30), 0), MemoryLimit.bytes(1 << 30));
        assertEquals("512M", max.textProperty().get(), "a refresh does not overwrite an edit in progress");
        assertEquals("1073741824", max.kernelProperty().get());
        vm.revert();
        assertEquals("1G", max.textProperty().get());
        assertFalse(vm.anyDirtyProperty().get());
    }

    @Test
    void readOnlyDisablesApply() {
        LimitsEditorViewModel vm = editor(new ReadOnlyCgroupActions("no backend"));
        vm.field(LimitKey.MEMORY_MAX).textProperty().set("64M");
        assertFalse(vm.canApplyProperty().get());
    }

    @Test
    void v2WithoutControllersExplainsCoreVersusControllers() {
        CgroupRef v2 = new CgroupRef(UiFixtures.v2(java.util.Set.of("hugetlb")), CgroupPath.parse("/a"));
        LimitsEditorViewModel vm = new LimitsEditorViewModel(recording(null), Jobs.direct(), r -> null);
        vm.show(v2, UiFixtures.v2Stats("/a", 0, java.util.Set.of(), java.util.Set.of()), null);
        assertTrue(vm.fields().isEmpty());
        assertTrue(vm.emptyReasonProperty().get().contains("core only organises processes"), vm.emptyReasonProperty().get());
    }

    private static final class RecordingActions implements CgroupActions {
        private final List<String> calls;
        private final String refuse;

        RecordingActions(List<String> calls, String refuse) {
            this.calls = calls;
            this.refuse = refuse;
        }

        @Override public org.corral.ui.actions.WriteAccess access() {
            return org.corral.ui.actions.WriteAccess.granted();
        }

        @Override public Done set(CgroupRef r, LimitKey key, String value) {
            if (value.equals(refuse)) {
                throw new CgroupException(r + "/memory.limit_in_bytes: the kernel refused '1048576' with EBUSY (Device or resource busy)");
            }
            calls.add("set " + r + " " + key.file() + " " + value);
            return Done.nothing();
        }

        @Override public Done create(CgroupRef r) { throw new UnsupportedOperationException(); }
        @Override public Done remove(CgroupRef r) { throw new UnsupportedOperationException(); }
        @Override public Done move(CgroupRef r, int pid) { throw new UnsupportedOperationException(); }
        @Override public Done enable(CgroupRef r, List<String> c) { throw new UnsupportedOperationException(); }
        @Override public Done freeze(CgroupRef r) { throw new UnsupportedOperationException(); }
        @Override public Done thaw(CgroupRef r) { throw new UnsupportedOperationException(); }
        @Override public Done kill(CgroupRef r) { throw new UnsupportedOperationException(); }
    }
}
