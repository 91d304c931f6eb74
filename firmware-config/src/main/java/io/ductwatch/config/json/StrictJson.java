package io.ductwatch.config.json;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The one way ductwatch reads JSON from outside (MQTT commands, CoAP bodies, its own payloads read
 * back): a JSON text means one thing or is refused. A duplicate key ({@code {"operator":"a","operator":"b"}})
 * and trailing bytes after the value are errors, not a silent "last one wins" or "first value only".
 */
public final class StrictJson {

    private StrictJson() {
    }

    /** A new mapper that refuses duplicate keys and trailing tokens. Thread-safe once built. */
    public static ObjectMapper mapper() {
        return JsonMapper.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
    }
}
