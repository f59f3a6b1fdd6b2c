package org.corral.cgroup;

import java.util.Map;

/**
 * memory.stat, flat keyed. v2 names (bytes): anon, file, kernel, kernel_stack, sock, shmem,
 * file_mapped, ... v1 names differ: rss (≈ anon), cache (≈ file), shmem, mapped_file; v1 has no
 * kernel or sock line (kernel memory is in memory.kmem.usage_in_bytes). Every key is kept in
 * {@link #all()} so nothing the kernel reports is lost.
 */
public record MemoryStat(long anon, long file, long kernel, long sock, long shmem, Map<String, Long> all) {

    /** v2 memory.stat. */
    public static MemoryStat parse(String text) {
        Map<String, Long> m = KeyedFile.parse(text);
        long kernel = m.containsKey("kernel") ? m.get("kernel")
                : m.getOrDefault("kernel_stack", 0L) + m.getOrDefault("slab", 0L)
                        + m.getOrDefault("pagetables", 0L) + m.getOrDefault("percpu", 0L);
        return new MemoryStat(m.getOrDefault("anon", 0L), m.getOrDefault("file", 0L), kernel,
                m.getOrDefault("sock", 0L), m.getOrDefault("shmem", 0L), Map.copyOf(m));
    }

    /** v1 memory.stat (plus memory.kmem.usage_in_bytes for kernel, may be null). */
    public static MemoryStat parseV1(String text, String kmemUsage) {
        Map<String, Long> m = KeyedFile.parse(text);
        long kernel = kmemUsage == null ? 0 : Long.parseLong(kmemUsage.strip());
        return new MemoryStat(m.getOrDefault("rss", 0L), m.getOrDefault("cache", 0L), kernel, 0,
                m.getOrDefault("shmem", 0L), Map.copyOf(m));
    }
}
