package io.ductwatch.gateway.local;

import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.Exchange;
import org.eclipse.californium.core.server.DelivererException;
import org.eclipse.californium.core.server.ServerMessageDeliverer;
import org.eclipse.californium.core.server.resources.Resource;
import org.eclipse.californium.elements.config.Configuration;

/**
 * Californium's deliverer, but a request for a path the API does not have is answered 4.04 with a reason
 * text naming the resources there are, as every other refusal of the API is, instead of an empty 4.04.
 * Runs on Californium's protocol threads.
 */
final class ReasonedDeliverer extends ServerMessageDeliverer {

    ReasonedDeliverer(Resource root, Configuration config) {
        super(root, config);
    }

    @Override
    protected boolean preDeliverRequest(Exchange exchange) {
        try {
            if (findResource(exchange) != null) {
                return false;
            }
        } catch (DelivererException e) {
            return false;
        }
        Response response = new Response(ResponseCode.NOT_FOUND);
        response.setPayload("no resource /" + exchange.getRequest().getOptions().getUriPathString()
                + "; the API has /status, /sensors, /sensors/{id}, /alarms, /alarms/{id}, /alarms/{id}/ack,"
                + " /alarms/reset");
        response.getOptions().setContentFormat(MediaTypeRegistry.TEXT_PLAIN);
        exchange.sendResponse(response);
        return true;
    }
}
