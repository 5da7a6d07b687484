package io.synod.api.cdi;

import io.synod.api.MemberEvent;
import jakarta.enterprise.inject.spi.BeanManager;

import java.util.function.Consumer;

/**
 * One application's subscription to the node's failure-detector events: re-fires each into the application's own
 * bean manager, under the application's class loader (the node publishes from its own threads, whose context class
 * loader would otherwise be synod.war's).
 */
final class MemberEventRelay implements Consumer<MemberEvent> {

    private final BeanManager beans;
    private final ClassLoader application;

    MemberEventRelay(BeanManager beans, ClassLoader application) {
        this.beans = beans;
        this.application = application;
    }

    @Override
    public void accept(MemberEvent event) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(application);
        try {
            beans.getEvent().fire(event);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
