package org.corral.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.io.IOException;
import org.corral.cgroup.CgroupPath;
import org.corral.cgroup.CountLimit;
import org.corral.cgroup.CpuList;
import org.corral.cgroup.CpuMax;
import org.corral.cgroup.CpuWeight;
import org.corral.cgroup.MemoryLimit;

/**
 * The one Jackson setup for everything Corral prints or sends as JSON. Units: bytes and
 * microseconds. A limit is a number, or the string "max" when there is none; a path and a CPU
 * list are strings as the kernel writes them; absent values are left out (never -1 or 0).
 * Unknown fields are ignored when reading, so readers tolerate a growing format.
 */
public final class CorralJson {
    private static final ObjectMapper MAPPER = create();

    private CorralJson() {}

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    private static ObjectMapper create() {
        SimpleModule m = new SimpleModule("corral");
        m.addSerializer(MemoryLimit.class, new JsonSerializer<>() {
            @Override
            public void serialize(MemoryLimit v, JsonGenerator g, SerializerProvider p) throws IOException {
                if (v.isMax()) g.writeString("max");
                else g.writeNumber(v.bytes());
            }
        });
        m.addSerializer(CountLimit.class, new JsonSerializer<>() {
            @Override
            public void serialize(CountLimit v, JsonGenerator g, SerializerProvider p) throws IOException {
                if (v.isMax()) g.writeString("max");
                else g.writeNumber(v.count());
            }
        });
        m.addSerializer(CpuMax.class, new JsonSerializer<>() {
            @Override
            public void serialize(CpuMax v, JsonGenerator g, SerializerProvider p) throws IOException {
                g.writeStartObject();
                if (v.isMax()) g.writeStringField("quotaUsec", "max");
                else g.writeNumberField("quotaUsec", v.quotaUsec().getAsLong());
                g.writeNumberField("periodUsec", v.periodUsec());
                g.writeEndObject();
            }
        });
        m.addSerializer(CpuWeight.class, new JsonSerializer<>() {
            @Override
            public void serialize(CpuWeight v, JsonGenerator g, SerializerProvider p) throws IOException {
                g.writeNumber(v.value());
            }
        });
        m.addSerializer(CpuList.class, ToStringSerializer.instance);
        m.addSerializer(CgroupPath.class, ToStringSerializer.instance);
        return new ObjectMapper()
                .registerModule(m)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }
}
