package org.corral.backend;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.corral.cgroup.CgroupRef;
import org.corral.cgroup.Hierarchies;
import org.corral.protocol.CorralJson;
import org.corral.protocol.MoveArgs;
import org.corral.protocol.Op;

/**
 * Generates fuzz request lines: valid requests against the test's cgroups, mutations of them,
 * random bytes, huge lines, deep nesting, every op with wrong types, hostile cgroup names.
 *
 * <p>Every line passes an oracle before it is sent: it is parsed as the backend would parse it,
 * and a line that could change anything outside the test's cgroups if the backend obeyed it
 * (a target that resolves outside and exists, a process the test did not start) is not sent.
 * A line the backend must refuse (a name that is not a valid cgroup path, a target outside the
 * test cgroups that does not exist, anything under the trap, a field of the wrong JSON type) is
 * marked, and its answer must be an error.
 */
final class FuzzRequests {
    enum Verdict { MAY_SUCCEED, MUST_FAIL, DROP }

    /** One line to send; {@code id} the id the answer must carry if it carries one (null: none expected). */
    record Line(byte[] bytes, JsonNode id, boolean exactId, boolean mustFail, String kind) {}

    /** A test cgroup tree: its parent in CLI notation, and whether it is the v2 one (with the trap). */
    record Tree(String prefix, CgroupRef parent, boolean v2, List<String> limitKeys) {}

    private static final ObjectMapper JSON = CorralJson.mapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final JsonFactory ORACLE_PARSER = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(100_000).maxStringLength(Integer.MAX_VALUE)
                    .maxDocumentLength(-1).maxTokenCount(-1).maxNumberLength(Integer.MAX_VALUE).maxNameLength(Integer.MAX_VALUE).build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final List<Op> CHANGING = java.util.Arrays.stream(Op.values()).filter(Op::changes).toList();
    private static final Map<Op, List<String>> FIELDS = Map.ofEntries(
            Map.entry(Op.CREATE, List.of("cgroup")), Map.entry(Op.REMOVE, List.of("cgroup")), Map.entry(Op.FREEZE, List.of("cgroup")),
            Map.entry(Op.THAW, List.of("cgroup")), Map.entry(Op.KILL, List.of("cgroup")),
            Map.entry(Op.MOVE, List.of("cgroup", "pids", "threads")), Map.entry(Op.SET, List.of("cgroup", "limits")),
            Map.entry(Op.ENABLE, List.of("cgroup", "changes")), Map.entry(Op.UNDO, List.of("seq", "force")),
            Map.entry(Op.JOURNAL, List.of("limit")), Map.entry(Op.HELLO, List.of("protocol", "client")), Map.entry(Op.PING, List.of()),
            Map.entry(Op.LAUNCH, List.of("command", "cgroups", "memoryMax", "namespaces", "mapRoot")));

    private final Random rnd;
    private final Hierarchies hierarchies;
    private final List<Tree> trees;
    private final List<Integer> pids;
    private final Set<Long> allowedPids;
    private final AtomicLong lastSeq;
    private final Set<String> namesUsed = new HashSet<>();
    private long ids;
    final Map<String, Integer> kinds = new java.util.TreeMap<>();
    int dropped;

    /**
     * @param pids    every id a move may name: the test's own sleepers, and ids the backend must
     *                refuse (1, a kernel thread, the backend, one that does not exist)
     * @param lastSeq the highest journal seq answered so far (undo aims near it)
     */
    FuzzRequests(long seed, Hierarchies hierarchies, List<Tree> trees, List<Integer> pids, AtomicLong lastSeq) {
        this.rnd = new Random(seed);
        this.hierarchies = hierarchies;
        this.trees = trees;
        this.pids = pids;
        this.allowedPids = new HashSet<>(pids.stream().map(Integer::longValue).toList());
        this.lastSeq = lastSeq;
    }

    /** Every cgroup name segment the fuzzer sent: a directory of such a name must not appear outside the test trees. */
    Set<String> namesUsed() {
        return namesUsed;
    }

    Line next() {
        while (true) {
            double p = rnd.nextDouble();
            Line l;
            if (p < 0.0004) l = huge();
            else if (p < 0.005) l = deep();
            else if (p < 0.30) l = valid();
            else if (p < 0.60) l = mutated();
            else if (p < 0.72) l = randomBytes();
            else if (p < 0.86) l = wrongType();
            else l = hostileName();
            if (l == null) {
                dropped++;
                continue;
            }
            kinds.merge(l.kind(), 1, Integer::sum);
            return l;
        }
    }

    // --- the kinds of lines -------------------------------------------------------------------

    private Line valid() {
        ObjectNode n = request(pickOp());
        return judged(n, "valid", true);
    }

    private Line mutated() {
        byte[] b = bytes(request(pickOp()));
        int rounds = 1 + rnd.nextInt(3);
        for (int i = 0; i < rounds; i++) b = mutate(b);
        for (int i = 0; i < b.length; i++) if (b[i] == '\n') b[i] = ' ';
        return judged(b, null, false, "mutated");
    }

    private Line randomBytes() {
        byte[] b = new byte[rnd.nextInt(300)];
        rnd.nextBytes(b);
        for (int i = 0; i < b.length; i++) if (b[i] == '\n') b[i] = 0;
        return new Line(b, null, false, true, "random-bytes");
    }

    private Line huge() {
        int size = (1 << 20) + 1 + rnd.nextInt(1 << 20);
        byte[] b = new byte[size];
        if (rnd.nextBoolean()) {
            byte[] head = "{\"id\":1,\"op\":\"ping\",\"pad\":\"".getBytes(StandardCharsets.UTF_8);
            java.util.Arrays.fill(b, (byte) 'a');
            System.arraycopy(head, 0, b, 0, head.length);
            b[size - 2] = '"';
            b[size - 1] = '}';
        } else {
            rnd.nextBytes(b);
            for (int i = 0; i < b.length; i++) if (b[i] == '\n') b[i] = 'x';
        }
        return new Line(b, null, false, true, "huge");
    }

    private Line deep() {
        int depth = 9 + rnd.nextInt(20_000);
        String open = rnd.nextBoolean() ? "[" : "{\"a\":";
        String close = open.equals("[") ? "]" : "}";
        String body = rnd.nextBoolean() ? open.repeat(depth) + "1" + close.repeat(depth)
                : "{\"id\":1,\"op\":\"set\",\"cgroup\":\"/x\",\"limits\":" + open.repeat(depth) + "1" + close.repeat(depth) + "}";
        return new Line(body.getBytes(StandardCharsets.UTF_8), null, false, true, "deep");
    }

    /** A valid request of some op with one field it reads replaced by a value of another JSON type. */
    private Line wrongType() {
        Op op = Op.values()[rnd.nextInt(Op.values().length)];
        List<String> fields = FIELDS.get(op);
        if (fields.isEmpty()) return null;
        ObjectNode n = request(op);
        String field = fields.get(rnd.nextInt(fields.size()));
        JsonNode bad = wrongValue();
        n.set(field, bad);
        boolean mustFail = isWrongType(field, bad);
        Line l = judged(n, "wrong-type", true);
        if (l == null) return null;
        return mustFail ? new Line(l.bytes(), l.id(), true, true, l.kind()) : l;
    }

    private Line hostileName() {
        Op op = CHANGING.get(rnd.nextInt(CHANGING.size()));
        if (op == Op.UNDO) op = Op.CREATE;
        ObjectNode n = request(op);
        n.put("cgroup", hostile());
        return judged(n, "hostile-name", true);
    }

    // --- requests --------------------------------------------------------------------------------

    private Op pickOp() {
        double p = rnd.nextDouble();
        if (p < 0.25) return Op.SET;
        if (p < 0.37) return Op.CREATE;
        if (p < 0.47) return Op.REMOVE;
        if (p < 0.57) return Op.MOVE;
        if (p < 0.65) return Op.FREEZE;
        if (p < 0.73) return Op.THAW;
        if (p < 0.78) return Op.ENABLE;
        if (p < 0.79) return Op.KILL;
        if (p < 0.88) return Op.UNDO; // kill is rare: it ends the sleepers moves need
        if (p < 0.92) return Op.JOURNAL;
        if (p < 0.96) return Op.PING;
        return Op.HELLO;
    }

    private ObjectNode request(Op op) {
        ObjectNode n = F.objectNode();
        long id = ++ids;
        if (rnd.nextBoolean()) n.put("id", id);
        else n.put("id", "fz-" + id);
        n.put("op", op.wire());
        Tree t = trees.get(rnd.nextInt(trees.size()));
        switch (op) {
            case CREATE, REMOVE, FREEZE, THAW -> n.put("cgroup", target(t));
            // mostly /c, where moves rarely send the sleepers: killing them all early would leave moves nothing to move
            case KILL -> n.put("cgroup", rnd.nextInt(5) == 0 ? target(t) : t.prefix() + "/c");
            case MOVE -> {
                n.put("cgroup", target(t));
                ArrayNode a = n.putArray("pids");
                for (int i = 0, k = 1 + rnd.nextInt(3); i < k; i++) a.add(pids.get(rnd.nextInt(pids.size())));
                if (rnd.nextInt(10) == 0) n.put("threads", true);
            }
            case SET -> {
                n.put("cgroup", target(t));
                ObjectNode lim = n.putObject("limits");
                for (int i = 0, k = 1 + rnd.nextInt(2); i < k; i++) {
                    String key = t.limitKeys().get(rnd.nextInt(t.limitKeys().size()));
                    lim.put(key, value(key));
                }
            }
            case ENABLE -> {
                n.put("cgroup", target(t));
                ArrayNode a = n.putArray("changes");
                a.add(pick("+hugetlb", "-hugetlb", "+memory", "+nonsense", "memory", "+"));
            }
            case UNDO -> {
                long last = Math.max(1, lastSeq.get());
                n.put("seq", rnd.nextInt(4) == 0 ? 1 + (long) rnd.nextInt((int) Math.min(Integer.MAX_VALUE - 1, last + 10)) : Math.max(1, last - rnd.nextInt(30)));
                if (rnd.nextInt(4) == 0) n.put("force", true);
            }
            case JOURNAL -> n.put("limit", 1 + rnd.nextInt(rnd.nextInt(10) == 0 ? 2000 : 50));
            case HELLO -> n.put("protocol", rnd.nextInt(10) == 0 ? 2 : 1);
            case PING -> { }
            // a program that never exists: a fuzzed launch is refused, it never runs anything
            case LAUNCH -> n.putArray("command").add("/nonexistent/corral-fuzz-" + rnd.nextInt(1000));
        }
        if (rnd.nextInt(20) == 0) n.put("unknownField", "ignored");
        return n;
    }

    /** A cgroup inside a test tree (sometimes one that does not exist, sometimes under the trap). */
    private String target(Tree t) {
        String name = switch (rnd.nextInt(8)) {
            case 0 -> "";
            case 1 -> "/a";
            case 2 -> "/a/b";
            case 3 -> "/c";
            case 4 -> "/a/fz" + rnd.nextInt(4);
            default -> "/fz" + rnd.nextInt(8);
        };
        if (t.v2() && rnd.nextInt(12) == 0) name = pick("/trap", "/trap/evil", "/trap/evil/x", "/trap/d", "/trap/d/x");
        return t.prefix() + name;
    }

    private String value(String key) {
        return switch (key) {
            case "memory.max", "memory.low", "memory.high", "memory.swap.max", "memory.min" ->
                    pick("64M", "1G", "max", "100M", "2Q", "-5", "1.5G", "0", "4096", "9223372036854775807", "1e9", " 64M ", "");
            case "cpu.max" -> pick("50%", "max", "20000 100000", "fast", "0%", "1000 1000", "max 50000", "150%", "100000 999");
            case "cpu.weight" -> pick("1", "100", "10000", "0", "abc", "10001");
            case "pids.max" -> pick("10", "max", "-1", "1e3", "100000", "2");
            case "cpuset.cpus" -> pick("0", "0-1", "5-3", "x");
            default -> pick("8:0 rbps=10M", "bogus", "8:0");
        };
    }

    private String hostile() {
        Tree t = trees.get(rnd.nextInt(trees.size()));
        String p = t.prefix();
        return pick("../../etc", "/etc", "a/../../b", p + "/../../etc", p + "/..", p + "/a/../../x", p + "/./a", p + "//a",
                "/etc/passwd", "memory:/../..", "memory:../x", "nosuchcontroller:/x", "", ":", "::", "memory:", "/sys/fs/cgroup/memory",
                "/sys/fs/cgroup/unified/x", "/proc/self", p + "/a\u0000b", p + "/a\nb", p + "/a\rb", p + "/a\tb", "\u0000",
                p + "/\u2024\u2024", p + "/%2e%2e", p + "/" + "x".repeat(256), p + "/" + "y".repeat(255) + "/z",
                "/" + "a/".repeat(2100), p + "/a/b/../../../x", "name=systemd:/..", "/\u00e9t\u00e9", p + "/trap/evil/../../x",
                p + "/trap/evil", "freezer:" + p.replaceFirst("^[^:]*:", ""), p + "\\..\\x", p + "/a/b/c/d/e/f/g");
    }

    private JsonNode wrongValue() {
        return switch (rnd.nextInt(16)) {
            case 0 -> F.numberNode(rnd.nextInt());
            case 1 -> F.numberNode(1.5);
            case 2 -> F.numberNode(new java.math.BigInteger("99999999999999999999999"));
            case 3 -> F.booleanNode(rnd.nextBoolean());
            case 4 -> F.nullNode();
            case 5 -> F.arrayNode();
            case 6 -> F.arrayNode().add(1).add("a");
            case 7 -> F.objectNode();
            case 8 -> F.objectNode().set("a", F.objectNode().put("b", 1));
            case 9 -> F.textNode("");
            case 10 -> F.textNode("\u0000");
            case 11 -> F.textNode("a\nb");
            case 12 -> F.textNode("\ud800");
            case 13 -> F.textNode("z".repeat(10_000));
            case 14 -> F.numberNode(-1);
            default -> F.textNode("1");
        };
    }

    /** Whether {@code v} has a JSON type {@code field} never takes (so the request must be refused). */
    private static boolean isWrongType(String field, JsonNode v) {
        if (v.isNull()) return List.of("cgroup", "pids", "limits", "changes", "seq").contains(field); // required: missing
        return switch (field) {
            case "cgroup", "client" -> !v.isTextual() || v.textValue().length() > 8192 || v.textValue().chars().anyMatch(c -> c < 0x20)
                    || v.textValue().chars().anyMatch(c -> Character.isSurrogate((char) c));
            case "pids" -> !v.isArray() || v.isEmpty() || v.size() > MoveArgs.MAX_PIDS
                    || java.util.stream.StreamSupport.stream(v.spliterator(), false).anyMatch(x -> !x.isIntegralNumber() || !x.canConvertToLong() || x.longValue() < 1 || x.longValue() > MoveArgs.PID_MAX);
            case "threads", "force" -> !v.isBoolean();
            case "limits" -> !v.isObject() || v.isEmpty()
                    || java.util.stream.StreamSupport.stream(v.spliterator(), false).anyMatch(x -> !x.isTextual());
            case "changes" -> !v.isArray() || v.isEmpty() || java.util.stream.StreamSupport.stream(v.spliterator(), false).anyMatch(x -> !x.isTextual());
            case "seq" -> !v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 1;
            case "limit" -> !v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 1 || v.longValue() > 1000;
            case "protocol" -> !v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0 || v.longValue() > 1_000_000;
            default -> false;
        };
    }

    private byte[] mutate(byte[] b) {
        if (b.length == 0) return new byte[] {(byte) rnd.nextInt(256)};
        int at = rnd.nextInt(b.length);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        switch (rnd.nextInt(8)) {
            case 0 -> { b = b.clone(); b[at] ^= (byte) (1 << rnd.nextInt(8)); return b; }
            case 1 -> {
                int[] special = {0, 0xff, '"', '\\', '{', '}', '[', ':', ',', '0', '.', '/', 0x80, 0xc3};
                b = b.clone();
                b[at] = (byte) special[rnd.nextInt(special.length)];
                return b;
            }
            case 2 -> { // delete a span
                int len = Math.min(b.length - at, 1 + rnd.nextInt(12));
                out.write(b, 0, at);
                out.write(b, at + len, b.length - at - len);
            }
            case 3 -> { // insert something
                out.write(b, 0, at);
                byte[] ins = pick("\\u0000", "\\ud800", "\",\"", "{", "[", "]}", "\"op\":\"kill\",", "\"cgroup\":\"/\",", "..", "/../",
                        "\u00ff", "\\n", ",\"id\":null", "-1", "1e999", "true").getBytes(StandardCharsets.UTF_8);
                out.write(ins, 0, ins.length);
                out.write(b, at, b.length - at);
            }
            case 4 -> { // duplicate a span
                int len = Math.min(b.length - at, 1 + rnd.nextInt(20));
                out.write(b, 0, at + len);
                out.write(b, at, b.length - at);
            }
            case 5 -> out.write(b, 0, at); // truncate
            case 6 -> { // another op
                String s = new String(b, StandardCharsets.UTF_8).replaceFirst("\"op\":\"[a-z]+\"",
                        "\"op\":\"" + Op.values()[rnd.nextInt(Op.values().length)].wire() + "\"");
                return s.getBytes(StandardCharsets.UTF_8);
            }
            default -> { // random bytes in place
                b = b.clone();
                for (int i = 0, k = 1 + rnd.nextInt(4); i < k; i++) b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
                return b;
            }
        }
        return out.toByteArray();
    }

    // --- the oracle ------------------------------------------------------------------------------

    private Line judged(ObjectNode n, String kind, boolean exactId) {
        return judged(bytes(n), n.get("id"), exactId, kind);
    }

    private Line judged(byte[] line, JsonNode sentId, boolean exactId, String kind) {
        JsonNode n = parse(line);
        Verdict v = judge(n);
        if (v == Verdict.DROP) return null;
        JsonNode id = n != null && n.isObject() ? n.get("id") : null;
        recordNames(n);
        return new Line(line, id, exactId && sentId != null, v == Verdict.MUST_FAIL, kind);
    }

    private static JsonNode parse(byte[] line) {
        try (JsonParser p = ORACLE_PARSER.createParser(line)) {
            JsonNode n = JSON.readTree(p);
            return p.nextToken() == null ? n : null;
        } catch (Exception e) {
            return null;
        }
    }

    /** What the backend must do with a request, if it obeys only what is safe. */
    Verdict judge(JsonNode n) {
        if (n == null || !n.isObject()) return Verdict.MUST_FAIL;
        JsonNode id = n.get("id");
        boolean idOk = id != null && ((id.isIntegralNumber() && id.canConvertToLong())
                || (id.isTextual() && !id.textValue().isEmpty() && id.textValue().length() <= 128
                && id.textValue().chars().allMatch(c -> c >= 0x20 && c <= 0x7e)));
        JsonNode opNode = n.get("op");
        Op op = opNode != null && opNode.isTextual() ? Op.byWire(opNode.textValue()).orElse(null) : null;
        if (!idOk || op == null) return Verdict.MUST_FAIL;
        if (!op.changes() || op == Op.UNDO) return Verdict.MAY_SUCCEED; // the undo journal holds test changes only
        JsonNode pidsNode = n.get("pids");
        if (op == Op.MOVE && pidsNode != null && pidsNode.isArray()) {
            for (JsonNode x : pidsNode) {
                boolean inRange = x.isIntegralNumber() && x.canConvertToLong() && x.longValue() >= 1 && x.longValue() <= MoveArgs.PID_MAX;
                if (inRange && !allowedPids.contains(x.longValue())) return Verdict.DROP;
            }
        }
        JsonNode cg = n.get("cgroup");
        if (cg == null || !cg.isTextual()) return Verdict.MUST_FAIL;
        String s = cg.textValue();
        if (s.chars().anyMatch(c -> c < 0x20 || c == 0x7f) || s.length() > 8192) return Verdict.MUST_FAIL;
        CgroupRef ref;
        try {
            ref = hierarchies.resolve(s);
        } catch (RuntimeException e) {
            return Verdict.MUST_FAIL;
        }
        for (Tree t : trees) {
            if (t.parent().hierarchy().equals(ref.hierarchy()) && ref.path().isWithin(t.parent().path())) {
                boolean trapped = t.v2() && ref.path().isWithin(t.parent().path().child("trap"));
                return trapped ? Verdict.MUST_FAIL : Verdict.MAY_SUCCEED;
            }
        }
        if (ref.path().isRoot() && List.of(Op.CREATE, Op.REMOVE, Op.SET, Op.FREEZE, Op.THAW, Op.KILL).contains(op)) return Verdict.MUST_FAIL;
        boolean exists;
        boolean parentExists;
        try {
            exists = Files.exists(ref.dir(), LinkOption.NOFOLLOW_LINKS);
            parentExists = Files.exists(ref.parent().dir(), LinkOption.NOFOLLOW_LINKS);
        } catch (java.nio.file.InvalidPathException e) {
            return Verdict.DROP; // this JVM cannot name it; the backend (UTF-8 names) might
        }
        if (op == Op.CREATE ? !parentExists : !exists) return Verdict.MUST_FAIL;
        return Verdict.DROP;
    }

    private void recordNames(JsonNode n) {
        if (n == null || !n.isObject() || n.get("cgroup") == null || !n.get("cgroup").isTextual()) return;
        String s = n.get("cgroup").textValue();
        for (String seg : s.substring(s.indexOf(':') + 1).split("/")) if (!seg.isEmpty() && !seg.startsWith("corral-test-")) namesUsed.add(seg);
    }

    private static byte[] bytes(JsonNode n) {
        try {
            return JSON.writeValueAsBytes(n);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @SafeVarargs
    private <T> T pick(T... options) {
        return options[rnd.nextInt(options.length)];
    }
}
