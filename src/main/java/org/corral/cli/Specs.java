package org.corral.cli;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * picocli's model of a command, built in code: each command's {@code spec(...)} method declares
 * its options with these helpers, bound to the command's fields.
 *
 * <p>Why not picocli's annotations: on Java 17 every annotation instance read at run time is a
 * {@code java.lang.reflect.Proxy}, and the first ones generate proxy classes in a new dynamic
 * module (ProxyGenerator, a module definition, ~100 JDK methods for C1 to compile), which the
 * class-data-sharing archive cannot hold. Reading TreeCommand's annotations alone cost 30-50 ms
 * of a ~150 ms {@code corral tree}; the same command built here takes ~16 ms and defines no
 * proxy class (bench/RESULTS.md, row 3). So: no picocli annotation in org.corral.cli.
 */
final class Specs {
    private Specs() {}

    /** A command named {@code name}; picocli calls {@code command} (a Callable) when it is chosen. */
    static CommandSpec command(Object command, String name, String... description) {
        CommandSpec spec = CommandSpec.wrapWithoutInspection(command).name(name);
        spec.usageMessage().description(description);
        return spec;
    }

    /** An option bound to a field: {@code option(OptionSpec.builder("--x").type(String.class), () -> x, v -> x = v)}. */
    static <T> OptionSpec option(OptionSpec.Builder option, Supplier<T> get, Consumer<T> set) {
        Field<T> field = new Field<>(get, set);
        return option.getter(field).setter(field).build();
    }

    /** A positional parameter bound to a field; required unless its arity allows none (as picocli's annotations do it). */
    static <T> PositionalParamSpec positional(PositionalParamSpec.Builder param, Supplier<T> get, Consumer<T> set) {
        Field<T> field = new Field<>(get, set);
        return param.required(param.arity() == null || param.arity().min() > 0).getter(field).setter(field).build();
    }

    /** An option without a value ({@code --json}, {@code --force}): false unless given. */
    static OptionSpec flag(String name, String description, Supplier<Boolean> get, Consumer<Boolean> set) {
        return option(OptionSpec.builder(name).type(boolean.class).initialValue(false).description(description), get, set);
    }

    /** A String option with a value ({@code --hostname=NAME}). */
    static OptionSpec string(String name, String paramLabel, String description, Supplier<String> get, Consumer<String> set) {
        return option(OptionSpec.builder(name).type(String.class).paramLabel(paramLabel).description(description), get, set);
    }

    /** A repeatable String option ({@code --bind=SRC[:DST]...}). */
    static OptionSpec strings(String name, String paramLabel, String description, Supplier<List<String>> get, Consumer<List<String>> set) {
        return option(OptionSpec.builder(name).type(List.class).auxiliaryTypes(String.class).paramLabel(paramLabel).description(description),
                get, set);
    }

    /** The parameter CG of the write commands that take one cgroup. */
    static PositionalParamSpec cgroup(Supplier<String> get, Consumer<String> set) {
        return positional(PositionalParamSpec.builder().index("0").type(String.class).paramLabel("CG")
                .description("The cgroup: /a/b (v2) or CONTROLLER:/a/b (v1)."), get, set);
    }

    /**
     * {@code -h, --help} and {@code -V, --version} on this command and every command below it,
     * after their own options, as {@code mixinStandardHelpOptions} adds them (picocli's own
     * version of that mixin is annotated); a command that has {@code -h} already (help) keeps
     * its own.
     */
    static void addStandardHelp(CommandSpec spec) {
        if (!spec.optionsMap().containsKey("-h")) {
            spec.addOption(OptionSpec.builder("-h", "--help").type(boolean.class).initialValue(false).usageHelp(true)
                    .description("Show this help message and exit.").build());
            spec.addOption(OptionSpec.builder("-V", "--version").type(boolean.class).initialValue(false).versionHelp(true)
                    .description("Print version information and exit.").build());
        }
        for (var sub : spec.subcommands().values()) addStandardHelp(sub.getCommandSpec());
    }

    /** One field as picocli's getter and setter of an option's value. */
    private static final class Field<T> implements IGetter, ISetter {
        private final Supplier<T> get;
        private final Consumer<T> set;

        Field(Supplier<T> get, Consumer<T> set) {
            this.get = get;
            this.set = set;
        }

        @SuppressWarnings("unchecked")
        @Override public <R> R get() {
            return (R) get.get();
        }

        @SuppressWarnings("unchecked")
        @Override public <R> R set(R value) {
            R old = get();
            set.accept((T) value);
            return old;
        }
    }
}
