package io.ductwatch.gateway.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ductwatch.gateway.core.CommandResult;
import java.util.Optional;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.core.server.resources.Resource;

/**
 * {@code /alarms} (observable, confirmable notifications), {@code /alarms/{id}}, {@code POST /alarms/{id}/ack}
 * and {@code POST /alarms/reset}. Writes go to the rule engine as operator commands, audited like MQTT ones.
 */
final class AlarmsResource extends ApiResource {

    private final TechnicianView view;

    AlarmsResource(CoapAccess access, TechnicianView view) {
        super("alarms", access);
        this.view = view;
        setObservable(true);
        setObserveType(CoAP.Type.CON);
        getAttributes().setTitle("active alarms");
        getAttributes().addResourceType("ductwatch.alarms");
        getAttributes().setObservable();
        getAttributes().addContentType(50);
        getAttributes().addContentType(60);
        add(new Reset());
    }

    @Override
    protected void get(CoapExchange exchange) {
        CoapBodies.respond(exchange, ResponseCode.CONTENT, CoapBodies.tree(view.activeAlarmsJson()));
    }

    /** Alarm ids come and go: any other name is an alarm, found or not when it is used. */
    @Override
    public Resource getChild(String name) {
        Resource child = super.getChild(name);
        return child != null ? child : new One(name);
    }

    private static void answer(CoapExchange exchange, CommandResult result, ResponseCode refused) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("ok", result.ok());
        body.put("message", result.message());
        CoapBodies.respond(exchange, result.ok() ? ResponseCode.CHANGED : refused, body);
    }

    /** {@code /alarms/{id}}: one active alarm; not listed in {@code .well-known/core}. */
    private final class One extends ApiResource {

        One(String alarmId) {
            super(alarmId, AlarmsResource.this.access);
            setVisible(false);
            setParent(AlarmsResource.this);
            add(new Ack(alarmId));
        }

        @Override
        protected void get(CoapExchange exchange) throws CoapBodies.Refusal {
            for (JsonNode item : CoapBodies.tree(view.activeAlarmsJson()).get("alarms")) {
                if (item.get("alarmId").asText().equals(getName())) {
                    CoapBodies.respond(exchange, ResponseCode.CONTENT, item);
                    return;
                }
            }
            throw new CoapBodies.Refusal(ResponseCode.NOT_FOUND, "no active alarm " + getName());
        }
    }

    /** A resource that only takes POST: an operator command. */
    private abstract class Command extends ApiResource {

        Command(String name) {
            super(name, AlarmsResource.this.access);
        }

        @Override
        protected final boolean readable() {
            return false;
        }

        @Override
        protected final boolean writable() {
            return true;
        }
    }

    /** {@code POST /alarms/{id}/ack}, body empty or {@code {}}; {@code *} acknowledges every active alarm. */
    private final class Ack extends Command {

        private final String alarmId;

        Ack(String alarmId) {
            super("ack");
            this.alarmId = alarmId;
        }

        @Override
        protected void post(CoapExchange exchange, String operator) throws CoapBodies.Refusal {
            Optional<JsonNode> body = CoapBodies.requestObject(exchange);
            if (body.isPresent()) {
                CoapBodies.onlyFields(body.get());
            }
            answer(exchange, view.acknowledge(alarmId, operator), ResponseCode.NOT_FOUND);
        }
    }

    /** {@code POST /alarms/reset}, body empty (every zone) or {@code {"zone":"Z2"}}. */
    private final class Reset extends Command {

        Reset() {
            super("reset");
            getAttributes().setTitle("reset latched FIRE alarms (POST, DTLS write identity)");
        }

        @Override
        protected void post(CoapExchange exchange, String operator) throws CoapBodies.Refusal {
            Optional<JsonNode> body = CoapBodies.requestObject(exchange);
            Optional<String> zone = Optional.empty();
            if (body.isPresent()) {
                CoapBodies.onlyFields(body.get(), "zone");
                JsonNode z = body.get().get("zone");
                if (z != null) {
                    if (!z.isTextual() || z.asText().isEmpty()) {
                        throw new CoapBodies.Refusal(ResponseCode.BAD_REQUEST, "zone must be a zone id (text)");
                    }
                    zone = Optional.of(z.asText());
                }
            }
            answer(exchange, view.reset(zone, operator), ResponseCode.BAD_REQUEST);
        }
    }
}
