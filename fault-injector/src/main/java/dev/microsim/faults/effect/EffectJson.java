package dev.microsim.faults.effect;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.microsim.model.dist.Distribution;
import dev.microsim.model.scenario.EndpointId;
import java.io.IOException;

/**
 * The wire form of an {@link Effect}, for the pods' fault control endpoint on Kubernetes: the
 * injector decides the effects (the fault catalogue, once) and each pod installs the ones sent to
 * it in its own runtime. JSON with a {@code type} per effect and per distribution
 * ({@code {"type":"Delay","scope":{...},"delay":{"type":"Constant","value":"PT0.06S"}}}); durations
 * are ISO-8601, endpoints {@code "GET /path"}. Unknown fields are errors: both sides run one build.
 */
public final class EffectJson {
    private static final ObjectMapper JSON = mapper();

    private EffectJson() {}

    @JsonTypeInfo(use = JsonTypeInfo.Id.SIMPLE_NAME, property = "type")
    @JsonSubTypes({
        @JsonSubTypes.Type(Effect.Delay.class), @JsonSubTypes.Type(Effect.Abort.class), @JsonSubTypes.Type(Effect.Hang.class),
        @JsonSubTypes.Type(Effect.Slowdown.class), @JsonSubTypes.Type(Effect.HoldSlots.class), @JsonSubTypes.Type(Effect.CallDelay.class),
        @JsonSubTypes.Type(Effect.CallFailure.class), @JsonSubTypes.Type(Effect.Bandwidth.class), @JsonSubTypes.Type(Effect.Redirect.class),
        @JsonSubTypes.Type(Effect.Retries.class), @JsonSubTypes.Type(Effect.Amplify.class), @JsonSubTypes.Type(Effect.CpuBurn.class),
        @JsonSubTypes.Type(Effect.Memory.class), @JsonSubTypes.Type(Effect.ClockSkew.class), @JsonSubTypes.Type(Effect.LogStorm.class)})
    private interface EffectTypes {}

    @JsonTypeInfo(use = JsonTypeInfo.Id.SIMPLE_NAME, property = "type")
    @JsonSubTypes({
        @JsonSubTypes.Type(Distribution.Constant.class), @JsonSubTypes.Type(Distribution.Uniform.class),
        @JsonSubTypes.Type(Distribution.Normal.class), @JsonSubTypes.Type(Distribution.LogNormal.class),
        @JsonSubTypes.Type(Distribution.Exponential.class)})
    private interface DistributionTypes {}

    /** Records expose only their components: no derived getters (e.g. {@code Distribution.mean()}) on the wire. */
    @com.fasterxml.jackson.annotation.JsonAutoDetect(getterVisibility = com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.NONE,
            isGetterVisibility = com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.NONE,
            fieldVisibility = com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.ANY)
    private interface ComponentsOnly {}

    private static ObjectMapper mapper() {
        SimpleModule endpoints = new SimpleModule("microsim-endpoints");
        endpoints.addSerializer(EndpointId.class, new JsonSerializer<>() {
            @Override
            public void serialize(EndpointId value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                gen.writeString(value.toString());
            }
        });
        endpoints.addDeserializer(EndpointId.class, new JsonDeserializer<>() {
            @Override
            public EndpointId deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                return EndpointId.parse(p.getValueAsString());
            }
        });
        ObjectMapper m = new ObjectMapper().registerModule(new Jdk8Module()).registerModule(new JavaTimeModule()).registerModule(endpoints)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .addMixIn(Effect.class, EffectTypes.class)
                .addMixIn(Distribution.class, DistributionTypes.class);
        for (Class<?> c : Effect.class.getPermittedSubclasses()) m.addMixIn(c, ComponentsOnly.class);
        for (Class<?> c : Distribution.class.getPermittedSubclasses()) m.addMixIn(c, ComponentsOnly.class);
        m.addMixIn(Scope.class, ComponentsOnly.class);
        return m;
    }

    public static String write(Effect effect) {
        try {
            return JSON.writerFor(Effect.class).writeValueAsString(effect);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write effect " + effect + ": " + e.getMessage(), e);
        }
    }

    /** @throws IllegalArgumentException naming what is wrong with {@code json} */
    public static Effect read(String json) {
        try {
            return JSON.readValue(json, Effect.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not an effect: " + e.getOriginalMessage(), e);
        }
    }
}
