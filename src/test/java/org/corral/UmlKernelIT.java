package org.corral;

import java.nio.file.Files;
import java.nio.file.Path;
import org.corral.testkit.InKernelSuite;
import org.corral.testkit.Require;
import org.corral.testkit.UmlKernel;
import org.corral.testkit.UmlKernel.UmlRun;

/**
 * Runs the {@code @Tag("uml")} tests (package org.corral.uml) inside a pure cgroup-v2 kernel
 * (user-mode-linux, booted once) and reports each in-kernel test case here by name. The kernel's
 * console is target/uml/console.log, its JUnit XML target/uml/out/reports.
 */
class UmlKernelIT extends InKernelSuite {
    @Override
    protected UmlRun boot() {
        Require.that(Files.isExecutable(UmlKernel.LINUX_UML),
                UmlKernel.LINUX_UML + " (apt-get install user-mode-linux): the cgroup-v2 kernel tests");
        return UmlKernel.runSuiteOnce(Path.of(""), UmlKernel.defaultTimeout());
    }
}
