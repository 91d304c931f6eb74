package io.ductwatch.gateway.local;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import io.ductwatch.config.json.StrictJson;
import java.io.IOException;
import java.util.Optional;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.server.resources.CoapExchange;

/**
 * Bodies of the local API: JSON (Content-Format 50) unless the client asks for CBOR (60) with Accept;
 * request bodies in either, small, and objects. Anything else is a {@link Refusal} with the 4.xx to answer.
 */
final class CoapBodies {

    /** Largest request body accepted; the API's requests are a few dozen bytes. */
    static final int MAX_REQUEST_BYTES = 256;

    private static final ObjectMapper JSON = StrictJson.mapper();
    private static final ObjectMapper CBOR = CBORMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    private CoapBodies() {
    }

    /** A request the API will not carry out, and why. */
    static final class Refusal extends Exception {
        private static final long serialVersionUID = 1L;
        final transient ResponseCode code;

        Refusal(ResponseCode code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }

    /** Checks, before any work, that the client accepts a format this API writes. */
    static void checkAccept(CoapExchange exchange) throws Refusal {
        int accept = exchange.getRequestOptions().getAccept();
        if (accept != MediaTypeRegistry.UNDEFINED && accept != MediaTypeRegistry.APPLICATION_JSON
                && accept != MediaTypeRegistry.APPLICATION_CBOR) {
            throw new Refusal(ResponseCode.NOT_ACCEPTABLE, "Accept " + accept + " is not served; use 50 (JSON) or 60 (CBOR)");
        }
    }

    /** Answers with the body in the format the client accepts. */
    static void respond(CoapExchange exchange, ResponseCode code, JsonNode body) {
        boolean cbor = exchange.getRequestOptions().getAccept() == MediaTypeRegistry.APPLICATION_CBOR;
        try {
            byte[] bytes = cbor ? CBOR.writeValueAsBytes(body) : JSON.writeValueAsBytes(body);
            exchange.respond(code, bytes, cbor ? MediaTypeRegistry.APPLICATION_CBOR : MediaTypeRegistry.APPLICATION_JSON);
        } catch (IOException e) {
            exchange.respond(ResponseCode.INTERNAL_SERVER_ERROR, "cannot encode the answer: " + e.getMessage());
        }
    }

    /** Answers a refusal: its code and a one-line text saying why. */
    static void refuse(CoapExchange exchange, Refusal refusal) {
        exchange.respond(refusal.code, refusal.getMessage(), MediaTypeRegistry.TEXT_PLAIN);
    }

    /** Reads a JSON bytes value into a tree (the gateway's own payloads, to re-encode). */
    static JsonNode tree(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("the gateway wrote a payload that is not JSON", e);
        }
    }

    /** The request's body as an object; empty when there is none. */
    static Optional<JsonNode> requestObject(CoapExchange exchange) throws Refusal {
        byte[] payload = exchange.getRequestPayload();
        if (payload == null || payload.length == 0) {
            return Optional.empty();
        }
        if (payload.length > MAX_REQUEST_BYTES) {
            throw new Refusal(ResponseCode.REQUEST_ENTITY_TOO_LARGE,
                    "body of " + payload.length + " bytes; at most " + MAX_REQUEST_BYTES);
        }
        int format = exchange.getRequestOptions().getContentFormat();
        ObjectMapper mapper;
        if (format == MediaTypeRegistry.APPLICATION_JSON) {
            mapper = JSON;
        } else if (format == MediaTypeRegistry.APPLICATION_CBOR) {
            mapper = CBOR;
        } else {
            throw new Refusal(ResponseCode.UNSUPPORTED_CONTENT_FORMAT, format == MediaTypeRegistry.UNDEFINED
                    ? "a body needs Content-Format 50 (JSON) or 60 (CBOR)"
                    : "Content-Format " + format + " is not read; use 50 (JSON) or 60 (CBOR)");
        }
        JsonNode node;
        try {
            node = mapper.readTree(payload);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new Refusal(ResponseCode.BAD_REQUEST, "body is not valid " + (mapper == JSON ? "JSON" : "CBOR")
                    + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new Refusal(ResponseCode.BAD_REQUEST, "body is not valid " + (mapper == JSON ? "JSON" : "CBOR"));
        }
        if (node == null || !node.isObject()) {
            throw new Refusal(ResponseCode.BAD_REQUEST, "body must be an object");
        }
        return Optional.of(node);
    }

    /** Refuses fields of a request object other than the allowed ones. */
    static void onlyFields(JsonNode body, String... allowed) throws Refusal {
        for (var it = body.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!java.util.List.of(allowed).contains(field)) {
                throw new Refusal(ResponseCode.BAD_REQUEST, "unknown field '" + field + "'"
                        + (allowed.length == 0 ? "; this request takes no fields" : "; allowed: " + String.join(", ", allowed)));
            }
        }
    }
}
