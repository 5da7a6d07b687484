package io.synod.examples.orders;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** JAX-RS root of the example: everything under /orders-app. */
@ApplicationPath("/")
public class OrdersApplication extends Application {
}
