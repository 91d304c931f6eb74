package io.ductwatch.gateway.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.ductwatch.gateway.core.ActiveAlarm;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.Code;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed requests, sent over DTLS by an identity allowed to write so that each is refused for what it
 * is and not for who sent it: each gets its 4.xx, the alarms stay as they were, and the server goes on.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MalformedCoapRequestsIT {

    private static final int NONE = -1;
    private final LocalApiIT server = new LocalApiIT();
    private CoapTestClient writer;
    private String fire;

    @BeforeAll
    void start() throws Exception {
        server.dir = java.nio.file.Files.createTempDirectory("coap-malformed");
        server.start();
        fire = server.raiseFire();
        writer = CoapTestClient.dtls(server.api.securePort().orElseThrow(), "tech-1", LocalApiIT.WRITE_KEY);
    }

    @AfterAll
    void stop() {
        writer.close();
        server.stop();
    }

    static Stream<Arguments> requests() {
        String json = "" + MediaTypeRegistry.APPLICATION_JSON;
        return Stream.of(
                Arguments.of("unknown resource", Code.GET, "/nope", NONE, NONE, "", ResponseCode.NOT_FOUND),
                Arguments.of("unknown sensor", Code.GET, "/sensors/t99", NONE, NONE, "", ResponseCode.NOT_FOUND),
                Arguments.of("path below status", Code.GET, "/status/extra", NONE, NONE, "", ResponseCode.NOT_FOUND),
                Arguments.of("path below ack", Code.POST, "/alarms/{fire}/ack/extra", NONE, NONE, "", ResponseCode.NOT_FOUND),
                Arguments.of("ack of an unknown alarm", Code.POST, "/alarms/no-such/ack", NONE, NONE, "", ResponseCode.NOT_FOUND),
                Arguments.of("get of an unknown alarm", Code.GET, "/alarms/no-such", NONE, NONE, "", ResponseCode.NOT_FOUND),
                Arguments.of("PUT on status", Code.PUT, "/status", NONE, NONE, "", ResponseCode.METHOD_NOT_ALLOWED),
                Arguments.of("DELETE on alarms", Code.DELETE, "/alarms", NONE, NONE, "", ResponseCode.METHOD_NOT_ALLOWED),
                Arguments.of("POST on sensors", Code.POST, "/sensors", NONE, NONE, "", ResponseCode.METHOD_NOT_ALLOWED),
                Arguments.of("POST on status", Code.POST, "/status", NONE, NONE, "", ResponseCode.METHOD_NOT_ALLOWED),
                Arguments.of("GET on reset", Code.GET, "/alarms/reset", NONE, NONE, "", ResponseCode.METHOD_NOT_ALLOWED),
                Arguments.of("GET on ack", Code.GET, "/alarms/{fire}/ack", NONE, NONE, "", ResponseCode.METHOD_NOT_ALLOWED),
                Arguments.of("PATCH on alarms", Code.PATCH, "/alarms", NONE, NONE, "", ResponseCode.METHOD_NOT_ALLOWED),
                Arguments.of("Accept text/plain", Code.GET, "/status", NONE, MediaTypeRegistry.TEXT_PLAIN, "", ResponseCode.NOT_ACCEPTABLE),
                Arguments.of("Accept XML", Code.GET, "/sensors", NONE, MediaTypeRegistry.APPLICATION_XML, "", ResponseCode.NOT_ACCEPTABLE),
                Arguments.of("ack with Accept XML", Code.POST, "/alarms/{fire}/ack", NONE, MediaTypeRegistry.APPLICATION_XML, "", ResponseCode.NOT_ACCEPTABLE),
                Arguments.of("body as text/plain", Code.POST, "/alarms/reset", MediaTypeRegistry.TEXT_PLAIN, NONE, "zone=Z1", ResponseCode.UNSUPPORTED_CONTENT_FORMAT),
                Arguments.of("body without a format", Code.POST, "/alarms/reset", NONE, NONE, "{\"zone\":\"Z1\"}", ResponseCode.UNSUPPORTED_CONTENT_FORMAT),
                Arguments.of("truncated JSON", Code.POST, "/alarms/reset", Integer.parseInt(json), NONE, "{\"zone\":", ResponseCode.BAD_REQUEST),
                Arguments.of("JSON with trailing bytes", Code.POST, "/alarms/reset", Integer.parseInt(json), NONE, "{}{\"zone\":\"Z1\"}", ResponseCode.BAD_REQUEST),
                Arguments.of("JSON with a duplicate key", Code.POST, "/alarms/reset", Integer.parseInt(json), NONE, "{\"zone\":\"Z9\",\"zone\":\"Z1\"}", ResponseCode.BAD_REQUEST),
                Arguments.of("CBOR with a duplicate key", Code.POST, "/alarms/reset", MediaTypeRegistry.APPLICATION_CBOR, NONE, "\u00a2dzonebZ9dzonebZ1", ResponseCode.BAD_REQUEST),
                Arguments.of("JSON array", Code.POST, "/alarms/reset", Integer.parseInt(json), NONE, "[\"Z1\"]", ResponseCode.BAD_REQUEST),
                Arguments.of("zone not text", Code.POST, "/alarms/reset", Integer.parseInt(json), NONE, "{\"zone\":5}", ResponseCode.BAD_REQUEST),
                Arguments.of("empty zone", Code.POST, "/alarms/reset", Integer.parseInt(json), NONE, "{\"zone\":\"\"}", ResponseCode.BAD_REQUEST),
                Arguments.of("unknown field", Code.POST, "/alarms/reset", Integer.parseInt(json), NONE, "{\"zone\":\"Z1\",\"force\":true}", ResponseCode.BAD_REQUEST),
                Arguments.of("unknown zone", Code.POST, "/alarms/reset", Integer.parseInt(json), NONE, "{\"zone\":\"Z9\"}", ResponseCode.BAD_REQUEST),
                Arguments.of("ack with a field", Code.POST, "/alarms/{fire}/ack", Integer.parseInt(json), NONE, "{\"note\":\"x\"}", ResponseCode.BAD_REQUEST),
                Arguments.of("not UTF-8 JSON", Code.POST, "/alarms/{fire}/ack", Integer.parseInt(json), NONE, "\u00ff\u00fe{", ResponseCode.BAD_REQUEST),
                Arguments.of("malformed CBOR", Code.POST, "/alarms/reset", MediaTypeRegistry.APPLICATION_CBOR, NONE, "\u00bf\u00ff\u00ff", ResponseCode.BAD_REQUEST),
                Arguments.of("body over 256 bytes", Code.POST, "/alarms/reset", Integer.parseInt(json), NONE,
                        "{\"zone\":\"" + "Z".repeat(300) + "\"}", ResponseCode.REQUEST_ENTITY_TOO_LARGE),
                Arguments.of("body over 1 KB, blockwise", Code.POST, "/alarms/{fire}/ack", Integer.parseInt(json), NONE,
                        "{\"n\":\"" + "x".repeat(4000) + "\"}", ResponseCode.REQUEST_ENTITY_TOO_LARGE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    void is_refused_with_a_4xx_and_changes_nothing(String what, Code method, String path, int contentFormat, int accept,
                                                   String body, ResponseCode expected) throws Exception {
        List<ActiveAlarm> before = server.engine.activeAlarms();
        Request request = new Request(method);
        if (!body.isEmpty()) {
            request.setPayload(body.getBytes(body.chars().anyMatch(c -> c > 0x7f) ? StandardCharsets.ISO_8859_1
                    : StandardCharsets.UTF_8));
        }
        if (contentFormat != NONE) {
            request.getOptions().setContentFormat(contentFormat);
        }
        if (accept != NONE) {
            request.getOptions().setAccept(accept);
        }
        CoapResponse response = writer.send(request, path.replace("{fire}", fire));

        assertThat(response).as(what + ": answered").isNotNull();
        assertThat(response.getCode()).as(what + ": " + response.getResponseText()).isEqualTo(expected);
        assertThat(response.getResponseText()).as(what + ": says why").isNotBlank();
        assertThat(server.engine.activeAlarms()).as(what + ": alarms unchanged").isEqualTo(before);
        assertThat(writer.send(Request.newGet(), "/status").getCode()).as("the server goes on").isEqualTo(ResponseCode.CONTENT);
    }
}
