package io.ductwatch.gateway.local;

import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.server.resources.CoapExchange;

/** {@code /status}: the gateway's own state, the same document as the MQTT {@code status} topic. */
final class StatusResource extends ApiResource {

    private final TechnicianView view;

    StatusResource(CoapAccess access, TechnicianView view) {
        super("status", access);
        this.view = view;
        getAttributes().setTitle("gateway status");
        getAttributes().addResourceType("ductwatch.status");
        getAttributes().addContentType(50);
        getAttributes().addContentType(60);
    }

    @Override
    protected void get(CoapExchange exchange) {
        CoapBodies.respond(exchange, ResponseCode.CONTENT, CoapBodies.tree(view.status()));
    }
}
