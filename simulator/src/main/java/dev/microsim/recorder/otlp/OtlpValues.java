package dev.microsim.recorder.otlp;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.HexFormat;
import java.util.List;

/** Reading OTLP's attribute lists and ids. */
final class OtlpValues {
    private OtlpValues() {}

    /** The string (or integer, as text) value of {@code key}, or null. */
    static String string(List<KeyValue> attributes, String key) {
        for (KeyValue kv : attributes) {
            if (!kv.getKey().equals(key)) continue;
            AnyValue v = kv.getValue();
            return switch (v.getValueCase()) {
                case STRING_VALUE -> v.getStringValue();
                case INT_VALUE -> Long.toString(v.getIntValue());
                case DOUBLE_VALUE -> Double.toString(v.getDoubleValue());
                case BOOL_VALUE -> Boolean.toString(v.getBoolValue());
                default -> null;
            };
        }
        return null;
    }

    static long integer(List<KeyValue> attributes, String key, long otherwise) {
        for (KeyValue kv : attributes) {
            if (kv.getKey().equals(key) && kv.getValue().getValueCase() == AnyValue.ValueCase.INT_VALUE) return kv.getValue().getIntValue();
        }
        return otherwise;
    }

    /** Lower-case hex, or null for an empty (absent) id. */
    static String hex(ByteString id) {
        if (id.isEmpty()) return null;
        byte[] b = id.toByteArray();
        for (byte x : b) if (x != 0) return HexFormat.of().formatHex(b);
        return null;
    }
}
