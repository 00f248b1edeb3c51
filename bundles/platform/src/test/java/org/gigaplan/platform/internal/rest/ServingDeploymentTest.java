package org.gigaplan.platform.internal.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import javax.ws.rs.GET;
import javax.ws.rs.Path;

import org.apache.cxf.jaxrs.JAXRSServiceImpl;
import org.apache.cxf.jaxrs.model.ClassResourceInfo;
import org.apache.cxf.message.Exchange;
import org.apache.cxf.message.ExchangeImpl;
import org.apache.cxf.message.Message;
import org.apache.cxf.message.MessageImpl;
import org.junit.jupiter.api.Test;

class ServingDeploymentTest {

    @Path("a")
    public static class A {
        @GET
        public String get() {
            return "a";
        }
    }

    @Path("b")
    public static class B {
        @GET
        public String get() {
            return "b";
        }
    }

    private static Message callTo(Class<?>... resources) {
        List<ClassResourceInfo> infos = java.util.Arrays.stream(resources).map(ClassResourceInfo::new).toList();
        Exchange exchange = new ExchangeImpl();
        exchange.put(org.apache.cxf.service.Service.class, new JAXRSServiceImpl(infos));
        Message message = new MessageImpl();
        message.setExchange(exchange);
        return message;
    }

    @Test
    void countsTheRootResourcesOfTheDeploymentAnsweringTheCall() {
        assertEquals(2, ServingDeployment.rootResources(callTo(A.class, B.class)));
        assertEquals(1, ServingDeployment.rootResources(callTo(A.class)));
    }

    @Test
    void cannotSayOutsideACxfCall() {
        assertEquals(-1, ServingDeployment.rootResources(null));
        Message message = new MessageImpl();
        message.setExchange(new ExchangeImpl());
        assertEquals(-1, ServingDeployment.rootResources(message));
        assertEquals(1, ServingDeployment.waitingFor(2, -1).size());
    }

    @Test
    void readyOnlyWhenTheAnsweringDeploymentServesEveryRegisteredResource() {
        assertEquals(List.of(), ServingDeployment.waitingFor(2, 2));
        // The runtime view lists a third resource; the deployment before the change still answers.
        List<String> waiting = ServingDeployment.waitingFor(3, 2);
        assertEquals(1, waiting.size());
        assertTrue(waiting.get(0).contains("serves 2 resources, 3 are registered"), waiting.get(0));
        // A resource removed, the deployment that still had it answers.
        assertEquals(1, ServingDeployment.waitingFor(1, 2).size());
    }
}
